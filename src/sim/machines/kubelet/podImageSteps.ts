// A container's start inside a sync: ensure the image (pull policy, pull back-off), create, start.
// upstream: pkg/kubelet/images/image_manager.go EnsureImageExists, pullImage;
// pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer
import { goDuration } from '../../k8s/duration';
import { lookupImage, normalizeImage } from '../../k8s/images';
import { IMAGE_BACKOFF, isInBackOffSinceUpdate, nextBackoff } from '../../node/backoff';
import { cri } from './podWorkerIO';
import {
  cause,
  chain,
  event,
  ids,
  podOf,
  type Ev,
  type PodWorkerContext,
  type Step,
} from './podWorkerContext';
import type { Instance } from './containerRuntime';
import { startProbes } from './podProbes';

const rtOf = (c: PodWorkerContext) => c.runtime[c.index]!;
const specOf = (c: PodWorkerContext) =>
  [...(podOf(c).spec?.initContainers ?? []), ...(podOf(c).spec?.containers ?? [])].find(
    (s) => s.name === rtOf(c).name,
  );
const imageOf = (c: PodWorkerContext) => specOf(c)?.image ?? '';
const pullKey = (c: PodWorkerContext) => `${c.uid}_${imageOf(c)}`;
const resultOf = (e: Ev): Record<string, unknown> => (e.type === 'cri.response' ? e.result : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** upstream: pkg/apis/core/v1/defaults.go SetDefaults_Container (the API server sets it; this is the fallback). */
function pullPolicy(c: PodWorkerContext): string {
  const image = imageOf(c);
  return (
    specOf(c)?.imagePullPolicy ??
    (/:latest$|^[^:@]*$/.test(image.replace(/^.*\//, '')) ? 'Always' : 'IfNotPresent')
  );
}

const present = (e: Ev) => e.type === 'cri.response' && e.result.image != null;
export const neverPullMissing = (c: PodWorkerContext, e: Ev) => !present(e) && pullPolicy(c) === 'Never';
export const mustPull = (c: PodWorkerContext, e: Ev) => pullPolicy(c) === 'Always' || !present(e);
export const pullInBackoff = (c: PodWorkerContext, e: Ev) =>
  mustPull(c, e) && isInBackOffSinceUpdate(c.imageBackoff, pullKey(c), c.env.now(), IMAGE_BACKOFF);

function failed(c: PodWorkerContext, reason: string, message: string): PodWorkerContext {
  const name = rtOf(c).name;
  return {
    ...c,
    reasons: { ...c.reasons, [name]: { reason, message } },
    syncError: { ...c.syncError, other: true },
  };
}

export function neverPull(c: PodWorkerContext): Step {
  const msg = `Container image "${imageOf(c)}" is not present with pull policy of Never`;
  const cz = cause(c, 12, 'Pull');
  return chain(
    failed(c, 'ErrImageNeverPull', msg),
    (x) => event(x, cz, 'Warning', 'ErrImageNeverPull', msg, rtOf(c).name, 0),
    (x) => event(x, cz, 'Warning', 'Failed', 'Error: ErrImageNeverPull', rtOf(c).name, 0),
  );
}

export function pullBackOff(c: PodWorkerContext): Step {
  const image = imageOf(c);
  const msg = `Back-off pulling image "${image}": ErrImagePull: ${c.pullErrors[pullKey(c)] ?? ''}`;
  const cz = cause(c, 12, 'Pull');
  return chain(
    failed(c, 'ImagePullBackOff', msg),
    (x) => event(x, cz, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, rtOf(c).name, 0),
    (x) => event(x, cz, 'Warning', 'Failed', 'Error: ImagePullBackOff', rtOf(c).name, 0),
  );
}

export function pull(c: PodWorkerContext): Step {
  const image = imageOf(c);
  const cz = cause(c, 12, 'Pull');
  const e = event(c, cz, 'Normal', 'Pulling', `Pulling image "${image}"`, rtOf(c).name, 0);
  const call = cri(ids(e.ctx, e.out.length), cz, { method: 'PullImage', image }, `PullImage ${image}`);
  return { ctx: { ...e.ctx, pullStartMs: c.env.now() }, out: [...e.out, call] };
}

export function pullFailed(c: PodWorkerContext, e: Ev): Step {
  const err = str(resultOf(e).error);
  const key = pullKey(c);
  const now = c.env.now();
  const cz = cause(c, 12, 'Pull');
  const next = {
    ...failed(c, 'ErrImagePull', err),
    imageBackoff: nextBackoff(c.imageBackoff, key, now, now, IMAGE_BACKOFF),
    pullErrors: { ...c.pullErrors, [key]: err },
  };
  return chain(
    next,
    (x) => event(x, cz, 'Warning', 'Failed', `Failed to pull image "${imageOf(c)}": ${err}`, rtOf(c).name, 0),
    (x) => event(x, cz, 'Warning', 'Failed', 'Error: ErrImagePull', rtOf(c).name, 0),
  );
}

function create(c: PodWorkerContext, imageRef: string, reason: string, msg: string): Step {
  const rt = rtOf(c);
  const e = event({ ...c, imageRef }, cause(c, 12, 'Pull'), 'Normal', reason, msg, rt.name, 0);
  const call = {
    method: 'CreateContainer' as const,
    sandboxId: c.sandboxId ?? '',
    pod: c.pod,
    container: rt.name,
    image: normalizeImage(imageOf(c)),
  };
  const out = cri(ids(e.ctx, e.out.length), cause(c, 12, 'Start'), call, `CreateContainer ${rt.name}`);
  return { ctx: e.ctx, out: [...e.out, out] };
}

/** upstream: image_manager.go EnsureImageExists (image already present, v1.35+ text) */
export function imagePresent(c: PodWorkerContext): Step {
  const info = lookupImage(imageOf(c));
  const ref = info ? `${normalizeImage(imageOf(c)).replace(/:[^:/]+$/, '')}@${info.digest}` : '';
  const msg = `Container image "${imageOf(c)}" already present on machine and can be accessed by the pod`;
  return create(c, ref, 'Pulled', msg);
}

export function pulled(c: PodWorkerContext, e: Ev): Step {
  const r = resultOf(e);
  const d = goDuration(c.env.now() - c.pullStartMs);
  const msg = `Successfully pulled image "${imageOf(c)}" in ${d} (${d} including waiting). Image size: ${String(r.size)} bytes.`;
  return create(c, str(r.imageRef), 'Pulled', msg);
}

export function created(c: PodWorkerContext, e: Ev): Step {
  const rt = rtOf(c);
  const containerId = str(resultOf(e).containerId);
  const ev = event(c, cause(c, 12, 'Start'), 'Normal', 'Created', 'Container created', rt.name, 0);
  const w = ids(ev.ctx, ev.out.length);
  const start = cri(
    w,
    cause(c, 12, 'Start'),
    { method: 'StartContainer', containerId },
    `StartContainer ${rt.name}`,
  );
  return { ctx: { ...ev.ctx, newContainerId: containerId }, out: [...ev.out, start] };
}

/** The container runs: a new instance, the reason cache cleared, PLEG to notice at its next relist. */
export function started(c: PodWorkerContext): Step {
  const rt = rtOf(c);
  const imageId = c.imageRef;
  const containerId = c.newContainerId;
  const prev = rt.current;
  const instance: Instance = {
    containerId,
    imageId,
    attempt: prev ? prev.attempt + 1 : 0,
    startedAtMs: c.env.now(),
    finishedAtMs: null,
    exitCode: null,
    reason: null,
  };
  const runtime = [...c.runtime];
  runtime[c.index] = { ...rt, previous: prev, current: instance };
  const reasons = { ...c.reasons };
  delete reasons[rt.name];
  const changed = c.changed.includes(containerId) ? c.changed : [...c.changed, containerId];
  const next = { ...c, runtime, reasons, changed };
  const ev = event(next, cause(c, 12, 'Start'), 'Normal', 'Started', 'Container started', rt.name, 0);
  // The probe ticks are the worker's own timers: they take no request ids.
  const probed = !rt.init || rt.sidecar === true;
  const probes = probed ? startProbes(ev.ctx, rt.name, containerId) : { ctx: ev.ctx, out: [] };
  return { ctx: probes.ctx, out: [...ev.out, ...probes.out] };
}
