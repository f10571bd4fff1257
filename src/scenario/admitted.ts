// Input taken as already admitted (`podwalk schedule`): what the API server would have refused before any
// scheduler saw it is refused here, naming the document, the object and the field, instead of reaching the
// scheduler as a crash or a silently wrong decision. The page does not use this: there, objects go through
// the simulated API server, which answers as a real one does.
// upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ErrFormatWrong);
// pkg/apis/core/validation/validation.go (ValidateResourceQuantityValue, validateNodeSelectorRequirement,
// validateTolerations); staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// (ValidateLabelSelectorRequirement); plugin/pkg/admission/priority/admission.go ("no PriorityClass with
// name %v was found")
import { parseQuantity } from '../sim/k8s/quantity';
import type { KubeObject } from '../sim/scenario';
import { isPlainMap, type PathSeg, type Plain } from './plain';
import { priorityClassExists } from '../sim/k8s/priority';
import { failAt, type Site } from './shape';

const NODE_SELECTOR_OPS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];
const LABEL_SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const TOLERATION_OPS = ['Equal', 'Exists'];

const quoted = (xs: string[]): string => xs.map((x) => `"${x}"`).join(', ');

/** A field path as upstream's field.Path prints it: `spec.containers[0].resources.requests[cpu]`. */
function fp(path: readonly PathSeg[], mapKey?: string): string {
  const s = path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
  return mapKey === undefined ? s : `${s}[${mapKey}]`;
}

function get(obj: Plain | undefined, path: readonly PathSeg[]): Plain | undefined {
  let v: Plain | undefined = obj;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isPlainMap(v ?? null) && typeof seg === 'string') v = (v as Record<string, Plain>)[seg];
    else return undefined;
  }
  return v;
}

const listAt = (obj: Plain, path: readonly PathSeg[]): Plain[] => {
  const v = get(obj, path);
  return Array.isArray(v) ? v : [];
};

/** Every quantity in the map parses and none is negative. */
function checkQuantities(site: Site, obj: Plain, path: PathSeg[]): void {
  const map = get(obj, path);
  if (!isPlainMap(map ?? null)) return;
  for (const [name, raw] of Object.entries(map as Record<string, Plain>)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const q = parseQuantity(raw);
    const at = [...path, name];
    if (!q.ok) failAt(site, at, `${fp(path, name)}: Invalid value: "${raw}": ${q.message}`);
    if (q.value.nanos < 0n)
      failAt(site, at, `${fp(path, name)}: Invalid value: "${raw}": must be greater than or equal to 0`);
  }
}

/** A selector requirement's operator. upstream: field.Invalid(..., "not a valid selector operator") */
function checkSelectorOperator(site: Site, path: PathSeg[], op: Plain | undefined, allowed: string[]): void {
  if (typeof op !== 'string' || allowed.includes(op)) return;
  const at = [...path, 'operator'];
  failAt(site, at, `${fp(at)}: Invalid value: "${op}": not a valid selector operator`);
}

function checkLabelSelector(site: Site, pod: Plain, path: PathSeg[]): void {
  listAt(pod, [...path, 'matchExpressions']).forEach((e, i) =>
    checkSelectorOperator(site, [...path, 'matchExpressions', i], get(e, ['operator']), LABEL_SELECTOR_OPS),
  );
}

/** upstream: validateTolerations — field.NotSupported with the valid values. */
function checkToleration(site: Site, path: PathSeg[], op: Plain | undefined): void {
  if (typeof op !== 'string' || op === '' || TOLERATION_OPS.includes(op)) return;
  const at = [...path, 'operator'];
  failAt(site, at, `${fp(at)}: Unsupported value: "${op}": supported values: ${quoted(TOLERATION_OPS)}`);
}

function checkPod(site: Site, pod: Plain): void {
  for (const list of ['initContainers', 'containers'])
    listAt(pod, ['spec', list]).forEach((_c, i) => {
      checkQuantities(site, pod, ['spec', list, i, 'resources', 'requests']);
      checkQuantities(site, pod, ['spec', list, i, 'resources', 'limits']);
    });
  checkQuantities(site, pod, ['spec', 'overhead']);
  const na = ['spec', 'affinity', 'nodeAffinity'];
  listAt(pod, [...na, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']).forEach(
    (_t, i) => {
      const term = [...na, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i];
      for (const k of ['matchExpressions', 'matchFields'])
        listAt(pod, [...term, k]).forEach((e, j) =>
          checkSelectorOperator(site, [...term, k, j], get(e, ['operator']), NODE_SELECTOR_OPS),
        );
    },
  );
  listAt(pod, [...na, 'preferredDuringSchedulingIgnoredDuringExecution']).forEach((_t, i) => {
    const pref = [...na, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'preference'];
    for (const k of ['matchExpressions', 'matchFields'])
      listAt(pod, [...pref, k]).forEach((e, j) =>
        checkSelectorOperator(site, [...pref, k, j], get(e, ['operator']), NODE_SELECTOR_OPS),
      );
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const base = ['spec', 'affinity', kind];
    listAt(pod, [...base, 'requiredDuringSchedulingIgnoredDuringExecution']).forEach((_t, i) =>
      checkLabelSelector(site, pod, [
        ...base,
        'requiredDuringSchedulingIgnoredDuringExecution',
        i,
        'labelSelector',
      ]),
    );
    listAt(pod, [...base, 'preferredDuringSchedulingIgnoredDuringExecution']).forEach((_t, i) =>
      checkLabelSelector(site, pod, [
        ...base,
        'preferredDuringSchedulingIgnoredDuringExecution',
        i,
        'podAffinityTerm',
        'labelSelector',
      ]),
    );
  }
  listAt(pod, ['spec', 'topologySpreadConstraints']).forEach((_c, i) =>
    checkLabelSelector(site, pod, ['spec', 'topologySpreadConstraints', i, 'labelSelector']),
  );
  listAt(pod, ['spec', 'tolerations']).forEach((t, i) =>
    checkToleration(site, ['spec', 'tolerations', i], get(t, ['operator'])),
  );
}

export interface Placed {
  site: Site;
  object: KubeObject;
}

const identity = (o: KubeObject): string =>
  `${o.kind}/${o.kind === 'Node' || o.kind === 'PriorityClass' ? '' : (o.metadata.namespace ?? 'default')}/${o.metadata.name ?? ''}`;

/** The checks, over every object in document order. */
export function checkAdmitted(objects: readonly Placed[]): void {
  const classes = objects.filter((p) => p.object.kind === 'PriorityClass').map((p) => p.object);
  const seen = new Map<string, Site>();
  for (const { site, object } of objects) {
    const id = identity(object);
    const first = seen.get(id);
    if (first)
      failAt(
        site,
        ['metadata', 'name'],
        `a second ${object.kind} named "${object.metadata.name ?? ''}"; ${first.label} already has that name. Names are unique per kind${object.kind === 'Node' || object.kind === 'PriorityClass' ? '' : ' and namespace'}: rename or remove one.`,
      );
    seen.set(id, site);
    const plain = object as unknown as Plain;
    if (object.kind === 'Node') {
      checkQuantities(site, plain, ['status', 'capacity']);
      checkQuantities(site, plain, ['status', 'allocatable']);
    }
    if (object.kind !== 'Pod') continue;
    checkPod(site, plain);
    const spec = (object.spec ?? {}) as { priority?: number; priorityClassName?: string };
    const name = spec.priorityClassName;
    if (
      (spec.priority === undefined || spec.priority === null) &&
      name &&
      !priorityClassExists(name, classes)
    )
      failAt(
        site,
        ['spec', 'priorityClassName'],
        `spec.priorityClassName: no PriorityClass with name ${name} was found`,
      );
  }
}
