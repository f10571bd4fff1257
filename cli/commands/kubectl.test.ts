import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../../src/scenario';
import { simulate } from '../../src/sim/cluster/simulate';
import type { Io } from '../io';
import { run } from '../run';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`;
const WEB = POD.replace('name: nginx\nspec', 'name: web\nspec');
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;
const FILES: Record<string, string> = {
  'pod.yaml': POD,
  'web.yaml': WEB,
  'deploy.yaml': DEPLOY,
  'deploy-v2.yaml': DEPLOY.replace('nginx:1.27', 'nginx:1.28'),
  'copy.yaml': POD,
};

function kubectl(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => {
      const text = FILES[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
  const code = run(['kubectl', ...argv], io);
  return { code, stdout, stderr };
}

/** The default pod.yaml run: the first message after which the stored pod is Running (and not yet deleted). */
function runningSeq(): number {
  const parsed = parseScenario(POD);
  if (!parsed.ok) throw new Error('bad fixture');
  const trace = simulate(parsed.scenario);
  const running = trace.objects.find(
    (o) =>
      o.key === '/registry/pods/default/nginx' &&
      (o.object as { status?: { phase?: string } } | null)?.status?.phase === 'Running',
  );
  if (!running) throw new Error('nginx never runs');
  return running.seq;
}
const RUNNING = String(runningSeq());

// lifecycle.md §9.4, `kubectl describe pod nginx` while running (kubectl and kubelet 1.35).
const DESCRIBE_RUNNING = `Name:             nginx
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

/** Masks what differs between two runs (node, IPs, times, ids, ages) but keeps every label and the spacing. */
function masked(text: string): string {
  return text
    .replace(/\S+\/172\.18\.0\.\d+$/m, '<node>/<hostIP>')
    .replace(/10\.244\.\d+\.\d+/g, '<podIP>')
    .replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000/g, '<time>')
    .replace(/containerd:\/\/[0-9a-f]{64}/g, 'containerd://<id>')
    .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<x>');
}

/** describe's Events rows as cells (their widths depend on the ages), ages and variable parts masked. */
function eventCells(text: string): string[][] {
  const rows = text
    .slice(text.indexOf('Events:\n') + 'Events:\n'.length)
    .trimEnd()
    .split('\n');
  return rows.map((r) =>
    r
      .trim()
      .replace(/ to \S+$/, ' to <node>')
      .replace(/in [\d.]+s \([\d.]+s including waiting\)/, 'in <d> (<d> including waiting)')
      .split(/\s{2,}/)
      .map((cell, i) => (i === 2 && /^\d+s$/.test(cell) ? '<age>' : cell)),
  );
}

describe('podwalk kubectl: reading the cluster', () => {
  it('says there are no pods in the default cluster, on stderr, and exits 0', () => {
    expect(kubectl('get', 'pod')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
    expect(kubectl('get', 'pods', '-n', 'web').stderr).toBe('No resources found in web namespace.\n');
  });

  it('prints describe pod with the §9.4 layout while the pod runs', () => {
    const r = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'describe', 'pod', 'nginx');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const head = (t: string): string => masked(t.slice(0, t.indexOf('Events:\n')));
    expect(head(r.stdout)).toBe(head(DESCRIBE_RUNNING));
    const sortRows = (rows: string[][]): string[][] => [...rows].sort((a, b) => (a[1]! < b[1]! ? -1 : 1));
    expect(sortRows(eventCells(r.stdout))).toEqual(sortRows(eventCells(DESCRIBE_RUNNING)));
  });

  it('prints the get pod table with the §9.3 header and row format', () => {
    const r = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'get', 'pod');
    expect(r.code).toBe(0);
    const [header, row, ...more] = r.stdout.split('\n');
    expect(header).toBe('NAME    READY   STATUS    RESTARTS   AGE');
    expect(row).toMatch(/^nginx {3}1\/1 {5}Running {3}0 {10}\d+s$/);
    expect(more).toEqual(['']);
    const wide = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'get', 'pod', 'nginx', '-o', 'wide');
    expect(wide.stdout.split('\n')[0]).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES',
    );
    expect(wide.stdout).toMatch(
      /\nnginx {3}1\/1 {5}Running {3}0 {10}\d+s +10\.244\.\d+\.\d+ +worker-\d +<none> +<none>\n$/,
    );
  });

  it('prints the -w staircase of §9.2 and §9.3 for the whole run', () => {
    const r = kubectl('--scenario', 'pod.yaml', 'get', 'pod', '-w');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'nginx   0/1     Pending   0          0s',
      'nginx   0/1     Pending   0          0s',
      'nginx   0/1     ContainerCreating   0          0s',
    ]);
    const statuses = lines.slice(1, -1).map((l) => l.split(/\s+/)[2]);
    expect(statuses.slice(-4)).toEqual(['Terminating', 'Completed', 'Completed', 'Completed']);
    expect(statuses).toContain('Running');
    const events = kubectl('--scenario', 'pod.yaml', 'get', 'pod', 'nginx', '-w', '--output-watch-events');
    expect(events.stdout.split('\n')[0]).toBe('EVENT   NAME    READY   STATUS    RESTARTS   AGE');
    expect(events.stdout).toMatch(/\nDELETED {4}nginx {3}0\/1 {5}Completed/);
  });

  it('answers NotFound exactly as kubectl does once the pod is gone, and exits 1', () => {
    const notFound = {
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nginx" not found\n',
    };
    expect(kubectl('--scenario', 'pod.yaml', 'get', 'pod', 'nginx')).toEqual(notFound);
    expect(kubectl('--scenario', 'pod.yaml', 'describe', 'pod', 'nginx')).toEqual(notFound);
    // A watch runs from before the scenario, so it only fails for a pod that never existed (§9.2).
    expect(kubectl('--scenario', 'pod.yaml', 'get', 'pod', 'web', '-w')).toEqual({
      ...notFound,
      stderr: 'Error from server (NotFound): pods "web" not found\n',
    });
  });

  it('prints get events as the §9.5 table', () => {
    const r = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'get', 'events');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT      MESSAGE');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\d+s {10}Normal {3}Scheduled {3}pod\/nginx {3}Successfully assigned default\/nginx to worker-\d$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d+s +Normal +Started +pod\/nginx +Container started$/),
    );
    expect(kubectl('get', 'events')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
  });

  it('prints -o yaml as the stored object with sorted keys and go-yaml quoting', () => {
    const r = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'get', 'pod', 'nginx', '-o', 'yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:\n/);
    expect(r.stdout).toMatch(/\n {2}creationTimestamp: "2026-\d\d-\d\dT[\d:]+Z"\n/);
    expect(r.stdout).toContain('\n  containers:\n  - image: nginx:1.27\n');
    const pod = parse(r.stdout) as { metadata: Record<string, unknown>; status: { phase: string } };
    expect(pod.status.phase).toBe('Running');
    expect(pod.metadata.managedFields).toBeUndefined();
    expect(kubectl('get', 'pod', '-o', 'yaml').stdout).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });
});

describe('podwalk kubectl: changing the cluster', () => {
  it('applies a file to the default cluster', () => {
    expect(kubectl('apply', '-f', 'pod.yaml')).toEqual({
      code: 0,
      stdout: 'pod/nginx created\n',
      stderr: '',
    });
  });

  it('runs at --at, next to what the scenario itself applied', () => {
    expect(kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'apply', '-f', 'pod.yaml').stdout).toBe(
      'pod/nginx unchanged\n',
    );
    // The appended command reads its own file; the scenario's apply still read pod.yaml.
    expect(kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'apply', '-f', 'web.yaml').stdout).toBe(
      'pod/web created\n',
    );
  });

  it('prints kubectl errors on stderr and exits 1', () => {
    const r = kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'create', '-f', 'pod.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error from server \(AlreadyExists\): .*pods "nginx" already exists\n$/);
    // kubectl quotes the file it read, not the scenario's pod.yaml
    expect(kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'create', '-f', 'copy.yaml').stderr).toBe(
      'Error from server (AlreadyExists): error when creating "copy.yaml": pods "nginx" already exists\n',
    );
    expect(kubectl('apply', '-f', 'missing.yaml')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: the path "missing.yaml" does not exist\n',
    });
  });

  it('deletes a running pod, and answers NotFound once it is gone', () => {
    expect(kubectl('--scenario', 'pod.yaml', '--at', RUNNING, 'delete', 'pod', 'nginx')).toEqual({
      code: 0,
      stdout: 'pod "nginx" deleted from default namespace\n',
      stderr: '',
    });
    expect(kubectl('--scenario', 'pod.yaml', 'delete', 'pod/nginx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nginx" not found\n',
    });
  });
});

describe('podwalk kubectl: what podwalk cannot do', () => {
  it('exits 2 with a podwalk message for an --at past the run or an unsimulated command', () => {
    const past = kubectl('--at', '99999', 'get', 'pod');
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/^podwalk: --at 99999: the run has only \d+ messages\.\n$/);
    expect(kubectl('get', 'nodes')).toMatchObject({ code: 2, stdout: '' });
    expect(kubectl('rollout', 'status')).toMatchObject({ code: 2, stdout: '' });
    expect(kubectl('--scenario', 'nope.yaml', 'get', 'pod')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'podwalk: nope.yaml: no such file.\n',
    });
  });
});

describe('podwalk kubectl with a Deployment', () => {
  it('get pods lists the three replicas the ReplicaSet created, all Running', () => {
    const r = kubectl('--scenario', 'deploy.yaml', 'get', 'pods');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.slice(1)).toHaveLength(3);
    for (const line of lines.slice(1))
      expect(line).toMatch(
        /^nginx-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+\d+s$/,
      );
  });
});

describe('podwalk kubectl scale', () => {
  it('scales a Deployment through its scale subresource and prints kubectl scale’s line', () => {
    expect(kubectl('--scenario', 'deploy.yaml', 'scale', 'deployment', 'nginx', '--replicas=1')).toEqual({
      code: 0,
      stdout: 'deployment.apps/nginx scaled\n',
      stderr: '',
    });
    expect(kubectl('--scenario', 'deploy.yaml', 'scale', 'deployment/nginx', '--replicas', '5').stdout).toBe(
      'deployment.apps/nginx scaled\n',
    );
  });

  it('answers NotFound for a Deployment that does not exist, and refuses a missing --replicas', () => {
    const missing = kubectl('scale', 'deployment', 'web', '--replicas=2');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
    expect(kubectl('--scenario', 'deploy.yaml', 'scale', 'deployment', 'nginx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
    });
  });
});

describe('podwalk kubectl get rs, get deployments, describe deployment', () => {
  it('prints the ReplicaSet and Deployment tables and the Deployment’s describe', () => {
    const rs = kubectl('--scenario', 'deploy.yaml', 'get', 'rs');
    expect(rs.code).toBe(0);
    expect(rs.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nnginx-\w+\s+3\s+3\s+3\s+\d+s\n$/);
    expect(kubectl('--scenario', 'deploy.yaml', 'get', 'deployments').stdout).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx\s+3\/3\s+3\s+3\s+\d+s\n$/,
    );
    const d = kubectl('--scenario', 'deploy.yaml', 'describe', 'deployment', 'nginx').stdout;
    expect(d).toMatch(/^Name:\s+nginx\n/);
    expect(d).toMatch(/\nOldReplicaSets:\s+<none>\nNewReplicaSet:\s+nginx-\w+ \(3\/3 replicas created\)\n/);
    expect(d).toMatch(
      /Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set nginx-\w+ from 0 to 3\n/,
    );
    expect(kubectl('--scenario', 'deploy.yaml', 'describe', 'deployment', 'web')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "web" not found\n',
    });
  });
});

describe('podwalk kubectl apply of a changed Deployment', () => {
  it('prints configured, or configured (server dry run) without storing, or unchanged for the same file', () => {
    expect(kubectl('--scenario', 'deploy.yaml', 'apply', '-f', 'deploy-v2.yaml').stdout).toBe(
      'deployment.apps/nginx configured\n',
    );
    expect(
      kubectl('--scenario', 'deploy.yaml', 'apply', '-f', 'deploy-v2.yaml', '--dry-run=server').stdout,
    ).toBe('deployment.apps/nginx configured (server dry run)\n');
    expect(kubectl('--scenario', 'deploy.yaml', 'apply', '-f', 'deploy.yaml').stdout).toBe(
      'deployment.apps/nginx unchanged\n',
    );
  });
});
