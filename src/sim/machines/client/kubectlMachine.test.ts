import { describe, expect, it } from 'vitest';
import { kubectlMachine, type TerminalEmitted } from './kubectlMachine';
import { runAlone } from '../../testing/harness';
import { httpResponse, nginxPod, testNote, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';
import type { SimEvent, UserEvent } from '../../cluster/events';
import { statusFailure } from '../apiServer/routes';

const apply: UserEvent = { type: 'user.command', args: ['apply', '-f', 'pod.yaml'], manifests: [nginxPod()] };
const del: UserEvent = { type: 'user.command', args: ['delete', 'pod', 'nginx'], manifests: [] };

function start() {
  const h = runAlone(kubectlMachine, { systemId: 'kubectl', peers: ['apiServer'], input: () => undefined });
  const printed: TerminalEmitted[] = [];
  h.subject.on('terminal.print', (e: TerminalEmitted) => printed.push(e));
  return { h, printed, run: (e: UserEvent) => h.send(e as unknown as SimEvent) };
}

const lastRequestId = (h: ReturnType<typeof start>['h']) =>
  (h.to('apiServer').at(-1) as Of<'http.request'>).request.id;

describe('kubectlMachine', () => {
  it('applies by a GET, then a POST when the pod is absent, and prints pod/nginx created', () => {
    const { h, printed, run } = start();
    run(apply);
    h.flush();
    h.send(httpResponse(lastRequestId(h), 404));
    h.flush();
    h.send(httpResponse(lastRequestId(h), 201, nginxPod()));
    expect(h.to('apiServer').map((e) => (e as Of<'http.request'>).request.method)).toEqual(['GET', 'POST']);
    expect(printed.map((p) => [p.stream, p.command, p.text])).toEqual([
      ['stdout', 'kubectl apply -f pod.yaml', 'pod/nginx created'],
    ]);
    expect(h.snapshot().value).toBe('idle');
  });

  it('prints kubectl’s 409 line on stderr when the POST finds the pod already there', () => {
    const { h, printed, run } = start();
    run(apply);
    h.flush();
    h.send(httpResponse(lastRequestId(h), 404));
    h.flush();
    h.send(
      httpResponse(lastRequestId(h), 409, statusFailure(409, 'AlreadyExists', 'pods "nginx" already exists')),
    );
    expect(printed.map((p) => [p.stream, p.text])).toEqual([
      [
        'stderr',
        'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists',
      ],
    ]);
  });

  it('deletes, prints the deletion, then waits on a watch until the pod is gone', () => {
    const { h, printed, run } = start();
    run(del);
    h.flush();
    h.send(httpResponse(lastRequestId(h), 200));
    h.flush();
    expect(printed.map((p) => p.text)).toEqual(['pod "nginx" deleted from default namespace']);
    expect(h.to('apiServer').at(-1)).toMatchObject({
      type: 'watch.register',
      fieldSelector: 'metadata.namespace=default,metadata.name=nginx',
    });
    expect(h.snapshot().value).toBe('waiting');
    h.send({
      type: 'watch.event',
      note: testNote(15),
      watchId: 'w',
      eventType: 'DELETED',
      object: nginxPod(),
    });
    expect(h.snapshot().value).toBe('idle');
  });
});

describe('kubectlMachine model', () => {
  const events = (): (SimEvent | UserEvent)[] => [
    apply,
    del,
    { ...apply, args: ['create', '-f', 'pod.yaml'] },
    { ...apply, args: ['apply', '--server-side', '-f', 'pod.yaml'] },
    httpResponse('kubectl-1', 404),
    httpResponse('kubectl-1', 200),
    httpResponse('kubectl-1', 500, statusFailure(500, 'InternalError', 'boom')),
    { type: 'watch.listed', note: testNote(), watchId: 'w', items: [], resourceVersion: '1' },
    { type: 'watch.event', note: testNote(), watchId: 'w', eventType: 'DELETED', object: nginxPod() },
  ];
  const paths = shortestPaths(kubectlMachine, events(), undefined);

  it('reaches every state but the transient dispatching', () => {
    expect(paths.map((p) => JSON.parse(p.state) as string).sort()).toEqual([
      'applying',
      'creating',
      'deleting',
      'getting',
      'idle',
      'patching',
      'waiting',
    ]);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(kubectlMachine, undefined, p)).toBe(p.state);
  });
});
