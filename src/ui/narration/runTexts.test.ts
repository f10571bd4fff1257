// The narration of activities 1–4 and 15 must say what each run did: run real presets and read the
// narration at their key messages.
import { describe, expect, it } from 'vitest';
import { getPreset, parseBuiltIn } from '../../scenario/presets';
import { simulate } from '../../sim/cluster/simulate';
import type { Trace, TraceMessage } from '../../sim/trace/types';
import { activityText } from './activities';
import { narrationContext } from './context';
import { subStepText } from './substeps';

const traces = new Map<string, Trace>();
function run(id: string): Trace {
  const cached = traces.get(id);
  if (cached) return cached;
  const preset = getPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const trace = simulate(parseBuiltIn(preset.text, id));
  traces.set(id, trace);
  return trace;
}

function first(trace: Trace, ok: (m: TraceMessage) => boolean): TraceMessage {
  const m = trace.messages.find(ok);
  if (!m) throw new Error('no such message');
  return m;
}

const narrate = (trace: Trace, m: TraceMessage) =>
  activityText(m.activity, m.phase, narrationContext(trace, m));

describe('narration fitted to the run', () => {
  it('says kubectl apply GETs the pod in the default run', () => {
    const trace = run('default');
    const text = narrate(
      trace,
      first(trace, (m) => m.activity === 1),
    );
    expect(text.text).toContain('kubectl apply first GETs the pod to see whether it exists (404');
    expect(text.text).toContain('may create pods');
    const answer = narrate(
      trace,
      first(trace, (m) => m.activity === 4),
    );
    expect(answer.text).toContain('“pod/nginx created”');
  });

  it('names the Deployment kubectl applies, its etcd key and what kubectl prints', () => {
    const trace = run('deployment');
    const get = first(trace, (m) => m.activity === 1);
    expect(get.label).toMatch(/^GET \/apis\/apps\/v1\/.*\/deployments\//);
    const text = narrate(trace, get);
    expect(text.text).toContain('GETs the Deployment');
    expect(text.text).not.toContain('the pod');
    expect(text.text).toContain('may create deployments');
    expect(
      narrate(
        trace,
        first(trace, (m) => m.activity === 2),
      ).text,
    ).toContain('Deployment’s defaults');
    expect(
      narrate(
        trace,
        first(trace, (m) => m.activity === 3),
      ).text,
    ).toContain('/registry/deployments/');
    const answer = narrate(
      trace,
      first(trace, (m) => m.activity === 4),
    );
    expect(answer.text).toContain('“deployment.apps/nginx created”');
    expect(answer.text).toContain('No pod exists yet');
    expect(answer.link.href).toMatch(/controllers\/deployment\/$/);
    expect(subStepText(first(trace, (m) => m.from === 'kubectl' && /^POST/.test(m.label)))).toContain(
      'kubectl sends the Deployment',
    );
  });

  it('says the replicaset-controller, not kubectl, deleted the pods of a scale down', () => {
    const trace = run('scale-down');
    const del = first(trace, (m) => m.from === 'kube-controller-manager' && /^DELETE /.test(m.label));
    expect(subStepText(del)).toContain('replicaset-controller in kube-controller-manager deletes a pod');
    const termination = first(trace, (m) => m.activity === 15);
    const text = narrate(trace, termination);
    expect(text.text).toContain('Nobody typed kubectl delete');
    expect(text.text).toContain('ReplicaSet controller');
    expect(text.link.href).toMatch(/controllers\/replicaset\/$/);
  });

  it('keeps kubectl delete where kubectl deleted the pod', () => {
    const trace = run('default');
    const text = narrate(
      trace,
      first(trace, (m) => m.activity === 15),
    );
    expect(text.text).toMatch(/^kubectl delete sets deletionTimestamp/);
  });

  it('says kubectl apply patches an object that exists (rolling update)', () => {
    const trace = run('rolling-update');
    const patch = first(trace, (m) => m.from === 'kubectl' && /^PATCH .*deployments\/web$/.test(m.label));
    expect(narrate(trace, patch).text).toContain('it exists (200)');
    const answer = first(trace, (m) => m.seq > patch.seq && m.to === 'kubectl' && m.kind === 'response');
    const text = activityText(4, answer.phase, narrationContext(trace, answer));
    expect(text.title).toBe('200 OK');
    expect(text.text).toContain('“deployment.apps/web configured”');
  });

  it('says a refused request stores nothing, with its own status code', () => {
    const trace = run('already-exists');
    expect(
      narrate(
        trace,
        first(trace, (m) => m.activity === 1),
      ).text,
    ).toMatch(/^kubectl create POSTs the pod/);
    const answer = narrate(
      trace,
      first(trace, (m) => m.activity === 4 && m.to === 'kubectl'),
    );
    expect(answer.title).toBe('409: refused');
    expect(answer.text).toContain('stores nothing');
    const unauthorized = run('unauthorized');
    expect(
      narrate(
        unauthorized,
        first(unauthorized, (m) => m.activity === 1),
      ).text,
    ).toContain('refuses even that read');
  });

  it('names the kind a watch event is about', () => {
    const trace = run('deployment');
    const watch = first(trace, (m) => m.kind === 'watch' && /^watch ADDED deployment/.test(m.label));
    expect(subStepText(watch)).toContain('a deployment it had not seen before');
  });

  it('says what the kubelet reports when the pod is not simply Running', () => {
    const pull = run('image-pull-backoff');
    const patch = first(pull, (m) => m.activity === 14 && /ErrImagePull\)$/.test(m.label));
    const text = narrate(pull, patch);
    expect(text.title).toBe('Status: Pending, ErrImagePull');
    expect(text.text).toContain('image pull failed');
    const crash = run('crash-loop');
    expect(
      narrate(
        crash,
        first(crash, (m) => m.activity === 14 && /CrashLoopBackOff\)$/.test(m.label)),
      ).text,
    ).toContain('CrashLoopBackOff');
    const ok = run('default');
    expect(
      narrate(
        ok,
        first(ok, (m) => m.activity === 14),
      ).title,
    ).toBe('Running');
  });

  it('names the node’s runtime in activity 12', () => {
    const crio = run('cri-o');
    expect(
      narrate(
        crio,
        first(crio, (m) => m.activity === 12),
      ).text,
    ).toContain('asks CRI-O over CRI');
    const kata = run('kata');
    const text = narrate(
      kata,
      first(kata, (m) => m.activity === 12 && m.pod !== null),
    );
    expect(text.text).toContain('containerd-shim-kata-v2');
    const plain = run('default');
    expect(
      narrate(
        plain,
        first(plain, (m) => m.activity === 12),
      ).text,
    ).toContain('containerd drives runc');
  });

  it('explains the controllers’ work after kubectl scale and after a template change', () => {
    const scale = run('scale-down');
    const patch = first(scale, (m) => m.from === 'kubectl' && /\/scale$/.test(m.label));
    const after = first(scale, (m) => m.seq > patch.seq && m.from === 'kube-controller-manager');
    expect(narrate(scale, after).text).toContain('kubectl scale changed only');
    const before = first(scale, (m) => m.phase === 'Reconcile' && m.from === 'kube-controller-manager');
    expect(narrate(scale, before).title).toBe('Reconcile: controllers make the pods');
    const rolling = run('rolling-update');
    const apply = first(rolling, (m) => m.from === 'kubectl' && /^PATCH .*deployments\/web$/.test(m.label));
    const next = first(rolling, (m) => m.seq > apply.seq && m.phase === 'Reconcile');
    expect(narrate(rolling, next).title).toBe('Reconcile: a rolling update');
  });
});
