// kubectl's stdout for a success and its request queries. upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/
// apply.go (FieldManagerClientSideApply, fieldManagerServerSideApply, "serverside-applied",
// "configured", "unchanged"); cmd/util/helpers.go (dry-run suffixes); cli-runtime printers/name.go
import type { KubeObject } from '../../scenario';
import type { KubectlCommand } from './kubectlArgs';
import { diffPatch } from '../../k8s/strategicMerge';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Query parameters sorted by key, as url.Values.Encode writes them. */
function encode(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function writeQuery(
  c: KubectlCommand,
  fieldManager: string,
  extra: Record<string, string> = {},
): string {
  const dry: Record<string, string> = c.dryRun === 'server' ? { dryRun: 'All' } : {};
  return encode({ ...dry, fieldManager, ...extra });
}

/** `pod`, `deployment.apps`, …: the kind, lower-cased, with its group. upstream: printers/name.go */
function typeOf(c: KubectlCommand): string {
  const kind = c.object?.kind ?? (c.scale ? c.scale.resource.replace(/s$/, '') : 'Pod');
  const group = c.object?.apiVersion.includes('/')
    ? `.${c.object.apiVersion.split('/')[0]}`
    : c.scale
      ? '.apps'
      : '';
  return `${kind.toLowerCase()}${group}`;
}

export function printed(c: KubectlCommand, operation: string): string {
  const suffix = c.dryRun === 'server' ? ' (server dry run)' : c.dryRun === 'client' ? ' (dry run)' : '';
  return `${typeOf(c)}/${c.name} ${operation}${suffix}`;
}

/** The object as client-side apply sends it: with the last-applied-configuration annotation. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: JSON.stringify(obj) + '\n' };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The patch a second client-side apply sends, or null when there is nothing to change (kubectl then prints
 * "unchanged" without a PATCH). upstream: kubectl/pkg/cmd/apply/patcher.go patchSimple
 * (three-way merge of last-applied, the file and the live object; simplified to last-applied → file, with
 * strategic-merge lists: `$setElementOrder/containers` and only the changed containers).
 */
export function applyPatch(live: KubeObject, obj: KubeObject): Record<string, unknown> | null {
  const previous = (live.metadata as KubeObject['metadata'] | undefined)?.annotations?.[LAST_APPLIED];
  const next = withLastApplied(obj);
  if (previous === next.metadata.annotations?.[LAST_APPLIED]) return null;
  const base = previous ? (JSON.parse(previous) as unknown) : {};
  const changes = (diffPatch(base, obj) ?? {}) as Record<string, unknown>;
  const metadata = { ...(isMap(changes.metadata) ? changes.metadata : {}) };
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  metadata.annotations = { ...annotations, [LAST_APPLIED]: next.metadata.annotations![LAST_APPLIED] };
  return { ...changes, metadata };
}
