import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import { schedulerMachine } from './schedulerMachine';
import { runAlone } from '../../testing/harness';
import { httpResponse, nginxPod, testNote, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';
import type { KubeObject } from '../../scenario';
import type { SimEnv } from '../../cluster/env';

function node(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
    ...extra,
  };
}
const tainted = node('control-plane', {
  spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
});

function listed(resource: 'pods' | 'nodes', items: KubeObject[]): Of<'watch.listed'> {
  return {
    type: 'watch.listed',
    note: testNote(),
    watchId: `scheduler-${resource}`,
    items,
    resourceVersion: '7',
  };
}
function added(object: KubeObject): Of<'watch.event'> {
  return { type: 'watch.event', note: testNote(3), watchId: 'scheduler-pods', eventType: 'ADDED', object };
}
const pending = nginxPod({
  metadata: { name: 'nginx', namespace: 'default', uid: 'u-1', resourceVersion: '8' },
});

function start(nodes: KubeObject[]) {
  const h = runAlone(schedulerMachine, {
    systemId: 'scheduler',
    peers: ['apiServer'],
    input: (env: SimEnv) => ({ env, seed: 1 }),
  });
  h.flush();
  h.send(listed('pods', []));
  h.send(listed('nodes', nodes));
  return h;
}

/** Runs the clock for ten virtual seconds (a failed pod's 5-minute flush would otherwise never end). */
function run(h: { clock: { now(): number; step(until?: number): boolean } }) {
  const until = h.clock.now() + 10_000;
  while (h.clock.step(until));
}

/** Every scheduler.step the subject receives from now on (its self-messages). */
function recordSteps(h: ReturnType<typeof start>): Of<'scheduler.step'>[] {
  const steps: Of<'scheduler.step'>[] = [];
  h.subject.system.inspect((e: InspectionEvent) => {
    const ev = (e as { event?: SimEvent }).event;
    if (e.type === '@xstate.event' && ev?.type === 'scheduler.step') steps.push(ev);
  });
  return steps;
}

describe('schedulerMachine', () => {
  it('registers LIST+WATCH on pods (non-terminal), nodes and what PodTopologySpread and preemption read', () => {
    const h = start([node('worker-1')]);
    const regs = h.to('apiServer').filter((e): e is Of<'watch.register'> => e.type === 'watch.register');
    expect(regs.map((r) => [r.resource, r.fieldSelector])).toEqual([
      ['pods', 'status.phase!=Succeeded,status.phase!=Failed'],
      ['nodes', null],
      ['services', null],
      ['replicasets', null],
      ['statefulsets', null],
      ['poddisruptionbudgets', null],
    ]);
    expect(h.snapshot().value).toBe('idle');
  });

  it('leaves those four informers out of a run that has nothing for them (informers: false)', () => {
    const h = runAlone(schedulerMachine, {
      systemId: 'scheduler',
      peers: ['apiServer'],
      input: (env: SimEnv) => ({ env, seed: 1, informers: false }),
    });
    h.flush();
    const regs = h.to('apiServer').filter((e): e is Of<'watch.register'> => e.type === 'watch.register');
    expect(regs.map((r) => r.resource)).toEqual(['pods', 'nodes']);
  });

  it('spreads a ReplicaSet’s pods by hostname once its informer holds the ReplicaSet (system defaults)', () => {
    const owner = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-1', controller: true },
    ];
    const replica = (name: string, nodeName?: string): KubeObject =>
      nginxPod({
        metadata: { name, namespace: 'default', uid: name, labels: { app: 'web' }, ownerReferences: owner },
        spec: { ...(nginxPod().spec as object), ...(nodeName ? { nodeName } : {}) },
      });
    // worker-2 carries a slightly bigger unrelated pod: without spreading, worker-1 wins 470 to 468.
    const other = nginxPod({
      metadata: { name: 'other', namespace: 'default', uid: 'o' },
      spec: {
        nodeName: 'worker-2',
        containers: [
          { name: 'c', image: 'busybox', resources: { requests: { cpu: '200m', memory: '128Mi' } } },
        ],
      },
    });
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default', uid: 'rs-1' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    };
    const bindTarget = (withRs: boolean) => {
      const h = runAlone(schedulerMachine, {
        systemId: 'scheduler',
        peers: ['apiServer'],
        input: (env: SimEnv) => ({ env, seed: 1 }),
      });
      h.flush();
      h.send(listed('pods', [replica('web-1-a', 'worker-1'), other]));
      h.send(listed('nodes', [node('worker-1'), node('worker-2')]));
      h.send({ ...listed('pods', withRs ? [rs] : []), watchId: 'scheduler-replicasets' });
      h.send(added(replica('web-1-b')));
      h.flush();
      const bind = h.to('apiServer').find((e): e is Of<'http.request'> => e.type === 'http.request');
      return (bind?.request.body as { target?: { name?: string } }).target?.name;
    };
    expect(bindTarget(false)).toBe('worker-1');
    // worker-1's replica: round(ln(2+2)·1 + 2) = 3 against 2 → 66 vs 100, ×2: worker-2 wins 468 + 200 to 470 + 132.
    expect(bindTarget(true)).toBe('worker-2');
  });

  it('runs the cycle as self-messages 6 to 10 and then POSTs the Binding', () => {
    const h = start([tainted, node('worker-1')]);
    h.send(added(pending));
    h.flush();
    const bind = h.to('apiServer').find((e): e is Of<'http.request'> => e.type === 'http.request');
    expect(bind?.request.path).toBe('/api/v1/namespaces/default/pods/nginx/binding');
    expect(bind?.request.body).toMatchObject({ kind: 'Binding', target: { kind: 'Node', name: 'worker-1' } });
    expect(h.snapshot().value).toBe('binding');
  });

  it('records the Scheduled event once the binding is accepted', () => {
    const h = start([node('worker-1')]);
    h.send(added(pending));
    h.flush();
    h.send(httpResponse('scheduler-bind-1', 201));
    h.flush();
    const event = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request')[1];
    expect(event?.request.path).toBe('/apis/events.k8s.io/v1/namespaces/default/events');
    expect(event?.request.body).toMatchObject({
      reason: 'Scheduled',
      note: 'Successfully assigned default/nginx to worker-1',
      reportingController: 'default-scheduler',
    });
    expect(h.snapshot().value).toBe('idle');
  });

  it('reports PodScheduled=False with the FitError message when no node fits, and retries after the 5-minute flush', () => {
    const h = start([tainted]);
    h.send(added(pending));
    while (h.clock.step(60_000));
    const requests = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request');
    const message =
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(requests[0]?.request.body).toMatchObject({
      status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] },
    });
    expect(requests[1]?.request.body).toMatchObject({
      reason: 'FailedScheduling',
      note: message,
      type: 'Warning',
    });
    // Each failed attempt waits for the next flush; stop just after the first retry.
    while (h.clock.step(400_000));
    const retries = h.received
      .filter((r) => r.to === 'apiServer' && r.event.type === 'http.request')
      .slice(2);
    expect(retries).toHaveLength(2);
    expect(retries[0]!.t).toBeGreaterThanOrEqual(300_000);
  });

  it('preempts a lower-priority victim: DisruptionTarget, graceful DELETE, Preempted, nominatedNodeName', () => {
    const victim = nginxPod({
      metadata: { name: 'low', namespace: 'default', uid: 'u-low', resourceVersion: '5' },
      spec: {
        nodeName: 'worker-1',
        priority: 10,
        containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '3500m' } } }],
      },
    });
    const high = nginxPod({
      metadata: { name: 'high', namespace: 'default', uid: 'u-high', resourceVersion: '8' },
      spec: {
        priority: 1000,
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
      },
    });
    const h = runAlone(schedulerMachine, {
      systemId: 'scheduler',
      peers: ['apiServer'],
      input: (env: SimEnv) => ({ env, seed: 1 }),
    });
    const steps = recordSteps(h);
    run(h);
    h.send(listed('pods', [victim]));
    h.send(listed('nodes', [node('worker-1')]));
    h.send(added(high));
    run(h);
    const reqs = () => h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request');
    expect(reqs().map((r) => `${r.request.method} ${r.request.path}`)).toEqual([
      'PATCH /api/v1/namespaces/default/pods/low/status',
      'DELETE /api/v1/namespaces/default/pods/low',
      'POST /apis/events.k8s.io/v1/namespaces/default/events',
      'PATCH /api/v1/namespaces/default/pods/high/status',
      'POST /apis/events.k8s.io/v1/namespaces/default/events',
    ]);
    expect(reqs()[0]?.request.body).toMatchObject({
      status: {
        conditions: [
          {
            type: 'DisruptionTarget',
            reason: 'PreemptionByScheduler',
            message: 'default-scheduler: preempting to accommodate a higher priority pod',
          },
        ],
      },
    });
    expect(reqs()[2]?.request.body).toMatchObject({
      reason: 'Preempted',
      action: 'Preempting',
      note: 'Preempted by pod u-high on node worker-1',
      related: { name: 'high', uid: 'u-high' },
    });
    expect(reqs()[3]?.request.body).toMatchObject({ status: { nominatedNodeName: 'worker-1' } });
    expect(h.snapshot().context.unschedulable).toHaveProperty(['default/high']);
    // The victim leaves (its informer DELETED): the pod is requeued and bound on the nominated node.
    const nominated = { ...high, status: { nominatedNodeName: 'worker-1' } };
    h.send({ ...added(nominated), eventType: 'MODIFIED' });
    h.send({ ...added(victim), eventType: 'DELETED' });
    run(h);
    const moved = steps.find((e) => e.step === 'requeue')!;
    expect(moved.note.label).toMatch(/^AssignedPodDelete: QueueingHint Queue/);
    expect(moved.note.detail.queue).toEqual({ activeQ: 0, backoffQ: 0, unschedulable: 1 });
    const bind = reqs().at(-1);
    expect(bind?.request.path).toBe('/api/v1/namespaces/default/pods/high/binding');
    expect(bind?.request.body).toMatchObject({ target: { name: 'worker-1' } });
  });

  it('clears the nomination of a lower-priority pod nominated to the same node', () => {
    // upstream: preemption.go prepareCandidate → getLowerPriorityNominatedPods, util.ClearNominatedNodeName
    const victim = nginxPod({
      metadata: { name: 'low', namespace: 'default', uid: 'u-low', resourceVersion: '5' },
      spec: {
        nodeName: 'worker-1',
        priority: 10,
        containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '3500m' } } }],
      },
    });
    const nominatedTo = (name: string, uid: string, priority: number): KubeObject =>
      nginxPod({
        metadata: { name, namespace: 'default', uid, resourceVersion: '6' },
        spec: {
          priority,
          preemptionPolicy: 'Never',
          containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
        },
        status: { nominatedNodeName: 'worker-1' },
      });
    const mid = nominatedTo('mid', 'u-mid', 100);
    const peer = nominatedTo('peer', 'u-peer', 1000);
    const high = nginxPod({
      metadata: { name: 'high', namespace: 'default', uid: 'u-high', resourceVersion: '8' },
      spec: {
        priority: 1000,
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
      },
    });
    const h = start([node('worker-1')]);
    h.send(listed('pods', [victim, mid, peer]));
    h.send(added(high));
    run(h);
    const reqs = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request');
    const lines = reqs.map((r) => `${r.request.method} ${r.request.path}`);
    const preemptedAt = lines.indexOf('DELETE /api/v1/namespaces/default/pods/low');
    expect(preemptedAt).toBeGreaterThanOrEqual(0);
    // After the victim's Preempted event: mid's nomination cleared (peer's priority is not lower), then
    // the preemptor's own nomination.
    expect(lines.slice(preemptedAt + 2, preemptedAt + 4)).toEqual([
      'PATCH /api/v1/namespaces/default/pods/mid/status',
      'PATCH /api/v1/namespaces/default/pods/high/status',
    ]);
    expect(reqs[preemptedAt + 2]?.request.body).toEqual({ status: { nominatedNodeName: null } });
    expect(reqs[preemptedAt + 3]?.request.body).toMatchObject({ status: { nominatedNodeName: 'worker-1' } });
    const cleared = reqs.filter((r) => JSON.stringify(r.request.body).includes('"nominatedNodeName":null'));
    expect(cleared.map((r) => r.request.path)).toEqual(['/api/v1/namespaces/default/pods/mid/status']);
  });

  it('sends no second DELETE for a victim already being deleted, and nominates the node', () => {
    const deleting = nginxPod({
      metadata: {
        name: 'low',
        namespace: 'default',
        uid: 'u-low',
        deletionTimestamp: '2026-05-12T10:00:00Z',
      },
      spec: {
        nodeName: 'worker-1',
        priority: 10,
        containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '3500m' } } }],
      },
    });
    const high = nginxPod({
      metadata: { name: 'high', namespace: 'default', uid: 'u-high' },
      spec: {
        priority: 1000,
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
      },
    });
    const h = start([node('worker-1')]);
    h.send(listed('pods', [deleting]));
    h.send(added(high));
    run(h);
    const reqs = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request');
    expect(reqs.map((r) => `${r.request.method} ${r.request.path}`)).toEqual([
      'PATCH /api/v1/namespaces/default/pods/high/status',
      'POST /apis/events.k8s.io/v1/namespaces/default/events',
    ]);
    expect(reqs[0]?.request.body).toMatchObject({ status: { nominatedNodeName: 'worker-1' } });
  });

  it('moves an unschedulable pod when a node is added, and ignores events that cannot help', () => {
    const h = start([tainted]);
    h.send(added(pending));
    run(h);
    const all = recordSteps(h);
    const steps = () => all.filter((e) => e.step === 'requeue');
    // A pod on another node is deleted: the taint is still there, so TaintToleration says QueueSkip.
    const other = nginxPod({
      metadata: { name: 'x', namespace: 'default', uid: 'u-x' },
      spec: { nodeName: 'control-plane' },
    });
    h.send({ ...added(other), eventType: 'DELETED' });
    run(h);
    expect(steps()).toHaveLength(0);
    h.send({ ...added(node('worker-9')), watchId: 'scheduler-nodes' });
    run(h);
    expect(steps().map((e) => e.note.label)).toEqual([
      'NodeAdd: QueueingHint Queue; move from unschedulablePods to backoffQ',
    ]);
    const bind = h
      .to('apiServer')
      .filter((e): e is Of<'http.request'> => e.type === 'http.request')
      .at(-1);
    expect(bind?.request.body).toMatchObject({ target: { name: 'worker-9' } });
  });

  it('model: every state of the cycle is reachable and replays to the same state', () => {
    const env: SimEnv = { now: () => 0 };
    const step = (s: Of<'scheduler.step'>['step']): Of<'scheduler.step'> => ({
      type: 'scheduler.step',
      note: testNote(8),
      step: s,
      podKey: 'default/nginx',
    });
    const events = [
      listed('nodes', [node('worker-1')]),
      added(pending),
      step('enqueue'),
      step('preFilter'),
      step('filter'),
      step('select'),
      httpResponse('scheduler-bind-1', 201),
    ];
    const paths = shortestPaths(schedulerMachine, events, { env, seed: 1 });
    const states = paths.map((p) => p.state).sort();
    expect(states).toEqual([
      '"binding"',
      '"filtering"',
      '"idle"',
      '"preFiltering"',
      '"queueing"',
      '"selecting"',
      '"starting"',
    ]);
    for (const p of paths) expect(replay(schedulerMachine, { env, seed: 1 }, p)).toBe(p.state);
  });
});
