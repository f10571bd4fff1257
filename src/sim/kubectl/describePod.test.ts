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
