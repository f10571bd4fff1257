import { describe, expect, it } from 'vitest';
import { subStepText } from './substeps';
import { PRESETS } from '../../scenario/presetTexts';
import { parseScenario } from '../../scenario/parse';
import { simulate } from '../../sim/cluster/simulate';
import type { Trace, TraceMessage } from '../../sim/trace/types';

function run(text: string): Trace {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

const DEFAULT = run(PRESETS.find((p) => p.id === 'default')!.text);

/** The first message of the default trace matching `test`. */
function first(test: (m: TraceMessage) => boolean): TraceMessage {
  const m = DEFAULT.messages.find(test);
  if (!m) throw new Error('no such message in the default trace');
  return m;
}

const byLabel = (re: RegExp) => first((m) => re.test(m.label));

describe('narration sub-steps', () => {
  it('explains the folded authn/authz self-message of in-cluster clients', () => {
    expect(
      subStepText(byLabel(/^authenticate system:kube-scheduler; authorize create pods\/binding/)),
    ).toMatch(/authentication.*authorizers/);
  });

  it('explains kubectl’s filters one by one', () => {
    expect(subStepText(byLabel(/^authenticate: x509 kubernetes-admin/))).toMatch(/CN is the user name/);
    expect(subStepText(byLabel(/^authorize: RBAC allowed create pods/))).toMatch(/Node, then RBAC/);
  });

  it('explains etcd transactions, create and update, and their answers', () => {
    expect(subStepText(byLabel(/^txn create \/registry\/pods/))).toMatch(/only if the key does not exist/);
    expect(subStepText(byLabel(/^txn update/))).toMatch(/optimistic concurrency/);
    expect(subStepText(byLabel(/^txn ok/))).toMatch(/resourceVersion/);
  });

  it('explains watch events by type and names the watcher', () => {
    const added = first((m) => m.kind === 'watch' && m.to === 'kube-scheduler' && /ADDED/.test(m.label));
    expect(subStepText(added)).toBe(
      'The API server streams an ADDED watch event down the kube-scheduler’s open watch: it learns of a pod it had not seen before without asking for it.',
    );
  });

  it('explains each CRI call by its method', () => {
    const cri = (method: string) =>
      subStepText(first((m) => m.to === 'containerd' && m.detail.method === method));
    expect(cri('RunPodSandbox')).toMatch(/pause container/);
    expect(cri('ImageStatus')).toMatch(/already in its local store/);
    expect(cri('PullImage')).toMatch(/layers/);
    expect(cri('CreateContainer')).toMatch(/OCI runtime spec/);
    expect(cri('StartContainer')).toMatch(/start the container/);
    expect(cri('StopContainer')).toMatch(/grace period/);
    expect(new Set(['RunPodSandbox', 'PullImage', 'CreateContainer'].map(cri)).size).toBe(3);
  });

  it('explains runc create and start, CNI ADD, the status PATCH and the event POST', () => {
    expect(subStepText(byLabel(/^runc create/))).toMatch(/runc create.*namespaces and cgroup/);
    expect(subStepText(byLabel(/^runc start/))).toMatch(/runc start.*running/);
    expect(subStepText(byLabel(/^CNI ADD/))).toMatch(/veth pair.*eth0.*IP address/);
    expect(subStepText(byLabel(/^PATCH .*\/status/))).toMatch(/status subresource/);
    expect(subStepText(byLabel(/^POST event Scheduled/))).toMatch(/records an Event \(Scheduled\)/);
    expect(subStepText(byLabel(/\/binding$/))).toMatch(/Binding/);
  });

  it('gives every message of every preset one sentence, specific rather than generic', () => {
    const generic = /^The \S+ (sends this to|asks the Linux kernel)|answers the \S+\.$/;
    let total = 0;
    let fallback = 0;
    // The 500- and 5,000-node clusters only add Filter and Score rows; they would only slow the test.
    for (const p of PRESETS.filter((q) => !q.id.startsWith('big-'))) {
      const trace = run(p.text);
      for (const m of trace.messages) {
        const s = subStepText(m);
        expect(s, `${p.id} #${m.seq} ${m.label}`).toMatch(/^\S.*[.:)]$/);
        expect(s.length).toBeLessThan(260);
        total++;
        if (generic.test(s)) fallback++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(fallback / total).toBeLessThan(0.02);
  }, 20_000);

  it('says why a request failed for the control-plane failure presets', () => {
    const unauthorized = run(PRESETS.find((p) => /401|unauth/i.test(p.id + p.title))!.text);
    const texts = unauthorized.messages.map(subStepText);
    expect(texts.some((t) => /401/.test(t))).toBe(true);
  });
});
