// A person at a node's shell (ssh worker-1), running runc by hand against a container the kubelet manages:
// `runc --root /run/containerd/runc/k8s.io pause|resume|kill <id>`. This is no Kubernetes component: the
// diagram draws it on the client lane, where the user's own commands start. Neither the kubelet nor
// containerd hears of the command; they learn only what follows from it (a process that died, a probe
// that times out). containerd's shims keep their runc state under /run/containerd/runc/k8s.io.
import { enqueueActions, setup } from 'xstate';
import type { OperatorEvent, SimEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { OPERATOR, kubeletId, runcId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { signalName } from '../runc/runcMachine';

const CAUSE: Cause = { activity: 14, phase: 'Running', pod: null };

/** runc's own spelling of the signal argument (`runc kill <id> KILL`). */
const SIGNAL_ARG: Record<number, string> = { 9: 'KILL', 15: 'TERM' };

type RuncEvent = Extract<OperatorEvent, { type: 'user.runc' }>;

export function runcCommandLine(e: RuncEvent): string {
  const sig = e.op === 'kill' ? ` ${SIGNAL_ARG[e.signal ?? 15] ?? String(e.signal)}` : '';
  return `runc --root /run/containerd/runc/k8s.io ${e.op} ${e.containerId}${sig}`;
}

export const operatorMachine = setup({
  types: {
    events: {} as SimEvent | (OperatorEvent & { pod?: string }),
  },
  actions: {
    run: enqueueActions(({ event, enqueue, system }) => {
      if (event.type !== 'user.runc') return;
      const short = event.containerId.slice(0, 13);
      const sig = event.op === 'kill' ? ` ${SIGNAL_ARG[event.signal ?? 15] ?? ''}` : '';
      const cause = { ...CAUSE, pod: event.pod ?? null };
      dispatch(enqueue, system, [
        {
          to: runcId(event.containerId),
          delay: LATENCY.localCall,
          event: {
            type: 'oci.command',
            note: note(cause, 'request', `ssh ${event.node}: runc ${event.op} ${short}${sig}`, {
              node: event.node,
              command: runcCommandLine(event),
              ...(event.op === 'kill' ? { signal: signalName(event.signal ?? 15) } : {}),
            }),
            command: event.op,
            ...(event.op === 'kill' ? { signal: event.signal ?? 15 } : {}),
            replyTo: OPERATOR,
          },
        },
      ]);
    }),
    /**
     * The kubelet's checkpoint API, called as its docs show: curl to port 10250 with the API server's
     * kubelet-client certificate. upstream: kubernetes website docs/reference/node/kubelet-checkpoint-api.md
     */
    checkpoint: enqueueActions(({ event, enqueue, system }) => {
      if (event.type !== 'user.checkpoint') return;
      const [namespace = 'default', name = ''] = event.pod.split('/');
      const path = `/checkpoint/${namespace}/${name}/${event.container}`;
      const url = `https://${event.address}:10250${path}`;
      const cause = { ...CAUSE, pod: event.pod };
      dispatch(enqueue, system, [
        {
          to: kubeletId(event.node),
          delay: LATENCY.network,
          event: {
            type: 'http.request',
            note: note(cause, 'request', `curl -X POST ${url}`, {
              node: event.node,
              command: `curl -sk -X POST "${url}" --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key`,
            }),
            request: {
              id: `checkpoint:${event.pod}/${event.container}`,
              method: 'POST',
              path,
              query: '',
              contentType: null,
              body: null,
              user: {
                name: 'kube-apiserver-kubelet-client',
                groups: ['kubeadm:cluster-admins', 'system:authenticated'],
              },
              replyTo: OPERATOR,
            },
          },
        },
      ]);
    }),
  },
}).createMachine({
  id: 'operator',
  initial: 'atShell',
  states: {
    atShell: { on: { 'user.runc': { actions: 'run' }, 'user.checkpoint': { actions: 'checkpoint' } } },
  },
});
