import { getPreset, parseScenario } from './src/scenario';
import { simulate } from './src/sim/cluster/simulate';
const p = parseScenario(getPreset('rolling-update')!.text);
if (!p.ok) throw new Error();
const t = simulate(p.scenario);
const latest = new Map<string, unknown>();
for (const o of t.objects) latest.set(o.key, o.object);
for (const [k, v] of latest) {
  if (v && k.startsWith('/registry/events/') && ((v as any).involvedObject ?? (v as any).regarding)?.kind !== 'Pod') console.log(((v as any).involvedObject ?? (v as any).regarding).kind, (v as any).reason, (v as any).message, (v as any).firstTimestamp);
}
console.log(JSON.stringify(latest.get('/registry/deployments/default/web'), null, 1));
for (const [k, v] of latest) if (k.startsWith('/registry/replicasets/')) console.log(k, JSON.stringify((v as any).metadata.annotations), JSON.stringify((v as any).spec.replicas), JSON.stringify((v as any).status));
const m = t.messages.find((m) => m.label.startsWith('PATCH /apis'));
console.log(JSON.stringify(m?.detail, null, 1).slice(0, 1500));
console.log(JSON.stringify(m?.detail.body));
for (const o of t.objects) if (o.key === '/registry/deployments/default/web') console.log(o.t, JSON.stringify((o.object as any)?.status?.conditions?.map((c: any) => [c.type, c.reason, c.lastUpdateTime, c.lastTransitionTime])), JSON.stringify({...(o.object as any)?.status, conditions: undefined}));
