import { describe, expect, it } from 'vitest';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { kubeletMachine, type KubeletInput } from './kubeletMachine';
import { runAlone } from '../../testing/harness';
import { httpResponse, type Of } from '../../testing/events';
import { boundPod, syncLoop, watchEvent, watchListed } from '../../testing/nodeEvents';
import { replay, shortestPaths } from '../../testing/model';
import type { SimEnv } from '../../cluster/env';
import type { SimEvent } from '../../cluster/events';

const NODE = 'worker-2';
const SELF = `kubelet:${NODE}`;
const WATCH = `kubelet-${NODE}`;
const workerOf = (uid: string) => `kubelet:${NODE}/pod:${uid}`;
const running = boundPod('u-old', NODE);
const fresh = boundPod('u-1', NODE);
const deleting = (pod = fresh) =>
  ({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2025-01-01T00:00:30Z' } }) as typeof pod;

/** Every event delivered inside the actor system, as [from, to, event]. */
interface Delivery {
  from: string | undefined;
  to: string;
  event: SimEvent;
}

function start() {
  const h = runAlone(kubeletMachine, {
    systemId: SELF,
    peers: ['apiServer', `kernel:${NODE}`, `containerd:${NODE}`],
    input: (env: SimEnv): KubeletInput => ({ env, node: NODE, hostIP: '172.18.0.4' }),
  });
  const delivered: Delivery[] = [];
  h.subject.system.inspect((e: InspectionEvent) => {
    if (e.type !== '@xstate.event') return;
    const from = (e.sourceRef as { systemId?: string } | undefined)?.systemId;
    const to = String((e.actorRef as { systemId?: string }).systemId);
    delivered.push({ from, to, event: e.event as SimEvent });
  });
  return { h, delivered };
}

/** Starts the kubelet and delivers its LIST: `items` are the pods already on the node. */
function listed(items = [running]) {
  const k = start();
  k.h.flush();
  k.h.send(watchListed(WATCH, items));
  return k;
}

const worker = (h: ReturnType<typeof start>['h'], uid: string) =>
  h.subject.system.get(workerOf(uid)) as AnyActorRef | undefined;

describe('kubeletMachine', () => {
  it('registers one LIST+WATCH of pods with spec.nodeName=<node>, replying to its own systemId', () => {
    const { h } = start();
    h.flush();
    const regs = h.to('apiServer') as Of<'watch.register'>[];
    expect(regs.map((r) => [r.type, r.resource, r.fieldSelector, r.replyTo, r.watchId])).toEqual([
      ['watch.register', 'pods', 'spec.nodeName=worker-2', SELF, WATCH],
    ]);
    expect(regs[0]?.note.detail.query).toBe('fieldSelector=spec.nodeName%3Dworker-2&watch=true');
    expect(h.snapshot().value).toBe('starting');
  });

  it('remembers listed pods as pre-existing and starts no worker for them', () => {
    const { h } = listed([running]);
    h.flush();
    expect(h.snapshot().value).toBe('watching');
    expect(h.snapshot().context.pods).toEqual({ 'u-old': { preexisting: true, deleting: false } });
    expect(worker(h, 'u-old')).toBeUndefined();
    expect(h.snapshot().children).toEqual({});
  });

  it('ignores watch events until the LIST has arrived', () => {
    const { h } = start();
    h.send(watchEvent(WATCH, 'ADDED', fresh));
    h.flush();
    expect(h.snapshot().value).toBe('starting');
    expect(h.snapshot().context.pods).toEqual({});
    expect(worker(h, 'u-1')).toBeUndefined();
  });

  it('answers a new ADDED pod with a self-message kubelet.syncLoop ADD that spawns its pod worker', () => {
    const { h, delivered } = listed();
    h.send(watchEvent(WATCH, 'ADDED', fresh));
    expect(worker(h, 'u-1')).toBeUndefined();
    h.flush();
    const adds = delivered.filter((d) => d.event.type === 'kubelet.syncLoop');
    expect(adds.map((d) => [d.from, d.to, (d.event as Of<'kubelet.syncLoop'>).op])).toEqual([
      [SELF, SELF, 'ADD'],
    ]);
    expect((adds[0]?.event as Of<'kubelet.syncLoop'>).pod.metadata.uid).toBe('u-1');
    const w = worker(h, 'u-1');
    expect(w?.id).toBe(workerOf('u-1'));
    expect((w?.getSnapshot() as { context: { pod: unknown } }).context.pod).toEqual(fresh);
  });

  it('gives the pod worker the node name and host IP and lets it start its sync', () => {
    const { h } = listed();
    h.send(watchEvent(WATCH, 'ADDED', fresh));
    h.flush();
    const ctx = (worker(h, 'u-1')?.getSnapshot() as { context: { node: string; hostIP: string } }).context;
    expect([ctx.node, ctx.hostIP]).toEqual([NODE, '172.18.0.4']);
    expect(h.to(`kernel:${NODE}`).length).toBeGreaterThan(0);
  });

  it('starts one worker per pod however often the pod is modified', () => {
    const { h, delivered } = listed();
    h.send(watchEvent(WATCH, 'ADDED', fresh));
    h.send(watchEvent(WATCH, 'MODIFIED', fresh));
    h.flush();
    h.send(watchEvent(WATCH, 'MODIFIED', fresh));
    h.flush();
    expect(delivered.filter((d) => d.event.type === 'kubelet.syncLoop')).toHaveLength(1);
    expect(Object.keys(h.snapshot().children)).toEqual([workerOf('u-1')]);
  });

  it('forwards a deletionTimestamp to the pod worker as kubelet.syncLoop DELETE, once', () => {
    const { h, delivered } = listed();
    h.send(watchEvent(WATCH, 'ADDED', fresh));
    h.flush();
    h.send(watchEvent(WATCH, 'MODIFIED', deleting()));
    h.send(watchEvent(WATCH, 'MODIFIED', deleting()));
    h.flush();
    const deletes = delivered.filter((d) => d.event.type === 'kubelet.syncLoop' && d.event.op === 'DELETE');
    expect(deletes.map((d) => [d.from, d.to])).toEqual([[SELF, workerOf('u-1')]]);
    expect(h.snapshot().context.pods['u-1']).toEqual({ preexisting: false, deleting: true });
    expect((worker(h, 'u-1')?.getSnapshot() as { context: { deleting: boolean } }).context.deleting).toBe(
      true,
    );
  });

  it('terminates a pre-existing pod itself: Killing, terminal status, then DELETE grace 0', () => {
    const { h, delivered } = listed([running]);
    h.send(watchEvent(WATCH, 'MODIFIED', deleting(running)));
    h.send(watchEvent(WATCH, 'MODIFIED', deleting(running)));
    h.flush();
    const selfDeletes = delivered.filter(
      (d) => d.event.type === 'kubelet.syncLoop' && d.event.op === 'DELETE',
    );
    expect(selfDeletes.map((d) => [d.from, d.to])).toEqual([
      [SELF, SELF],
      [SELF, SELF],
    ]);
    expect(worker(h, 'u-old')).toBeUndefined();
    const reqs = () =>
      h
        .to('apiServer')
        .filter((e): e is Of<'http.request'> => e.type === 'http.request')
        .map((e) => e.request);
    const [killing, status] = reqs();
    expect(killing?.body).toMatchObject({ reason: 'Killing', type: 'Normal' });
    expect(String((killing?.body as { message: string }).message)).toMatch(/^Stopping container /);
    expect(status?.method).toBe('PATCH');
    expect(status?.body).toMatchObject({ metadata: { uid: 'u-old' }, status: { phase: 'Succeeded' } });
    h.send(httpResponse(status!.id, 200));
    h.flush();
    const del = reqs().at(-1);
    expect([del?.method, del?.body]).toEqual([
      'DELETE',
      { gracePeriodSeconds: 0, preconditions: { uid: 'u-old' } },
    ]);
    expect(h.snapshot().context.pods['u-old']).toEqual({ preexisting: true, deleting: true });
  });

  it('forgets a pod on DELETED, so it no longer counts as known', () => {
    const { h } = listed([running]);
    h.send(watchEvent(WATCH, 'DELETED', running));
    h.flush();
    expect(h.snapshot().context.pods).toEqual({});
  });
});

describe('kubeletMachine model', () => {
  const input: KubeletInput = { env: { now: () => 0 }, node: NODE, hostIP: '172.18.0.4' };
  const events: SimEvent[] = [
    watchListed(WATCH, [running]),
    watchEvent(WATCH, 'ADDED', fresh),
    watchEvent(WATCH, 'MODIFIED', deleting()),
    watchEvent(WATCH, 'DELETED', fresh),
    syncLoop('ADD', fresh),
  ];
  const paths = shortestPaths(kubeletMachine, events, input);

  it('reaches exactly starting and watching', () => {
    expect(paths.map((p) => JSON.parse(p.state) as string).sort()).toEqual(['starting', 'watching']);
  });

  it('reaches watching only through the LIST', () => {
    const watching = paths.find((p) => p.state === '"watching"');
    expect(watching?.events.map((e) => e.type)).toEqual(['watch.listed']);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(kubeletMachine, input, p)).toBe(p.state);
  });
});
