// Exact `kubectl describe pod nginx` transcripts of lifecycle.md §9.4, rebuilt from stored objects.
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../time/timestamps';
import {
  boundPod,
  completedPod,
  createdPod,
  creatingPod,
  happyEvents,
  repeated,
  runningPod,
  terminatingPod,
} from './__fixtures__/nginx';
import { describePod } from './describePod';

const RUNNING = `Name:             nginx
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.3
Start Time:       Tue, 12 May 2026 10:15:02 +0000
Labels:           <none>
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:  10.244.1.5
Containers:
  nginx:
    Container ID:   containerd://5f2c7a0d9e3b41c8a6f0b7d2e9c4a1f3b8d6e0c2a4f7b9d1e3c5a7f9b2d4e6c8
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Tue, 12 May 2026 10:15:06 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7xk2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-7xk2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  12s   default-scheduler  Successfully assigned default/nginx to node-1
  Normal  Pulling    11s   kubelet            spec.containers{nginx}: Pulling image "nginx:1.27"
  Normal  Pulled     8s    kubelet            spec.containers{nginx}: Successfully pulled image "nginx:1.27" in 3.012s (3.012s including waiting). Image size: 72099410 bytes.
  Normal  Created    8s    kubelet            spec.containers{nginx}: Container created
  Normal  Started    8s    kubelet            spec.containers{nginx}: Container started
`;

/** The lines of `text` from the one starting with `from` up to (not including) the one starting with `to`. */
function section(text: string, from: string, to: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(from));
  const end = lines.findIndex((l, i) => i > start && l.startsWith(to));
  return lines.slice(start, end).join('\n');
}

describe('describePod', () => {
  it('prints the running pod of §9.4 exactly, events included', () => {
    expect(describePod(runningPod(), happyEvents(), 14_000)).toBe(RUNNING);
  });

  it('pads empty values while the pod is being created, as §9.4 shows', () => {
    const text = describePod(creatingPod(), [], 3_000);
    expect(section(text, 'Status:', 'Containers:')).toBe(
      ['Status:           Pending', 'IP:               ', 'IPs:              <none>'].join('\n'),
    );
    expect(section(text, '    Container ID:', '    Restart Count:')).toBe(
      [
        '    Container ID:   ',
        '    Image:          nginx:1.27',
        '    Image ID:       ',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Waiting',
        '      Reason:       ContainerCreating',
        '    Ready:          False',
      ].join('\n'),
    );
    expect(section(text, '  PodReadyToStartContainers', 'Volumes:')).toBe(
      [
        '  PodReadyToStartContainers   False ',
        '  Initialized                 True ',
        '  Ready                       False ',
        '  ContainersReady             False ',
        '  PodScheduled                True ',
      ].join('\n'),
    );
  });

  it('shows Node <none>, no status lines and no Conditions before binding', () => {
    const text = describePod(createdPod(), [], 500);
    expect(text).toContain('Node:             <none>\nLabels:           <none>\nAnnotations:      <none>\n');
    expect(text).not.toContain('Start Time:');
    expect(text).not.toContain('Container ID:');
    expect(text).not.toContain('Conditions:');
    expect(section(text, '    Image:', '    Mounts:')).toBe(
      [
        '    Image:        nginx:1.27',
        '    Port:         80/TCP',
        '    Host Port:    0/TCP',
        '    Environment:  <none>',
      ].join('\n'),
    );
  });

  it('aligns `Events: <none>` with the QoS and Tolerations block when there are no events', () => {
    const text = describePod(createdPod(), [], 500);
    expect(
      text.endsWith(
        [
          'QoS Class:                   BestEffort',
          'Node-Selectors:              <none>',
          'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
          '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
          'Events:                      <none>',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it('lists only a PodScheduled False condition once scheduling has failed', () => {
    const pod = createdPod();
    pod.status = {
      ...pod.status,
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
    };
    expect(section(describePod(pod, [], 500), 'Conditions:', 'Volumes:')).toBe(
      ['Conditions:', '  Type           Status', '  PodScheduled   False '].join('\n'),
    );
  });

  it('says Node name/hostIP and the Start Time once bound and started', () => {
    const text = describePod(creatingPod(), [], 3_000);
    expect(text).toContain(
      'Node:             node-1/172.18.0.3\nStart Time:       Tue, 12 May 2026 10:15:02 +0000\n',
    );
    expect(boundPod().spec?.nodeName).toBe('node-1');
  });

  it('widens the first block to 27 columns and says lasts <invalid> while terminating', () => {
    const events = [
      ...happyEvents(),
      repeated('Normal', 'Killing', 'Stopping container nginx', 1, 14_000, 14_000),
    ];
    const text = describePod(terminatingPod(14_000), events, 17_000);
    expect(text.startsWith('Name:                      nginx\nNamespace:                 default\n')).toBe(
      true,
    );
    expect(section(text, 'Status:', 'IPs:')).toBe(
      [
        'Status:                    Terminating (lasts <invalid>)',
        'Termination Grace Period:  30s',
        'IP:                        10.244.1.5',
      ].join('\n'),
    );
    expect(text).toContain(
      '\n  Normal  Killing    3s    kubelet            spec.containers{nginx}: Stopping container nginx\n',
    );
  });

  it('shows the phase again and the terminated state once the pod has completed', () => {
    const text = describePod(completedPod(14_000), [], 15_000);
    expect(text).toContain('\nStatus:           Succeeded\nIP:               10.244.1.5\n');
    expect(text).not.toContain('Termination Grace Period');
    expect(section(text, '    State:', '    Restart Count:')).toBe(
      [
        '    State:          Terminated',
        '      Reason:       Completed',
        '      Exit Code:    0',
        '      Started:      Tue, 12 May 2026 10:15:06 +0000',
        `      Finished:     Tue, 12 May 2026 10:15:14 +0000`,
        '    Ready:          False',
      ].join('\n'),
    );
  });

  it('prints repeated events as `<last> (x<count> over <first>)` with the Age column widened', () => {
    const pull =
      'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    const events = [
      happyEvents()[0]!,
      repeated('Normal', 'Pulling', 'Pulling image "nginx:nope"', 3, 2_500, 29_500),
      repeated('Warning', 'Failed', pull, 3, 3_500, 30_500),
      repeated('Warning', 'Failed', 'Error: ErrImagePull', 3, 3_510, 30_510),
      repeated('Normal', 'BackOff', 'Back-off pulling image "nginx:nope"', 4, 3_600, 42_600),
      repeated('Warning', 'Failed', 'Error: ImagePullBackOff', 4, 3_610, 42_610),
    ];
    const text = describePod(creatingPod(), events, 46_500);
    expect(text.slice(text.indexOf('Events:\n'))).toBe(`Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  45s                default-scheduler  Successfully assigned default/nginx to node-1
  Normal   Pulling    17s (x3 over 44s)  kubelet            spec.containers{nginx}: Pulling image "nginx:nope"
  Warning  Failed     16s (x3 over 43s)  kubelet            spec.containers{nginx}: ${pull}
  Warning  Failed     16s (x3 over 43s)  kubelet            spec.containers{nginx}: Error: ErrImagePull
  Normal   BackOff    4s (x4 over 43s)   kubelet            spec.containers{nginx}: Back-off pulling image "nginx:nope"
  Warning  Failed     4s (x4 over 43s)   kubelet            spec.containers{nginx}: Error: ImagePullBackOff
`);
  });

  it('ignores events about another pod with the same name but a different uid', () => {
    const other = happyEvents().map((e) => ({
      ...e,
      involvedObject: { name: 'nginx', namespace: 'default', uid: 'old' },
      regarding: { name: 'nginx', namespace: 'default', uid: 'old' },
    }));
    expect(describePod(creatingPod(), other, 3_000)).toContain('\nEvents:                      <none>\n');
  });

  it('skips the last-applied annotation but prints the others sorted', () => {
    const pod = createdPod();
    pod.metadata = {
      ...pod.metadata,
      annotations: { ...pod.metadata?.annotations, 'b.io/x': '2', 'a.io/y': '1' },
    };
    expect(section(describePod(pod, [], 0), 'Annotations:', 'Status:')).toBe(
      ['Annotations:      a.io/y: 1', '                  b.io/x: 2'].join('\n'),
    );
    expect(rfc3339(0)).toBe('2026-05-12T10:15:00Z');
  });
});
