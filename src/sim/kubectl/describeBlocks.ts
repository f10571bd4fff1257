// The smaller `kubectl describe` building blocks: labels, annotations, tolerations, volumes. Each returns rows
// of tabwriter cells (the last cell unterminated), because describe's alignment is the tabwriter's doing.
// upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go printLabelsMultilineWithIndent,
// printAnnotationsMultiline, printTolerationsMultilineWithIndent, describeVolumes and the print*VolumeSource helpers
import type { Toleration, Volume } from 'kubernetes-types/core/v1';
import type { Row } from './tabwriter';

const MAX_ANNOTATION_LEN = 140;
// kubectl never shows the client-side-apply copy of the manifest.
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** `Title:\tk=v` then `\tk=v` for the other keys, sorted; `<none>` when empty. */
export function labelRows(title: string, labels: Readonly<Record<string, string>> | undefined): Row[] {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return [[`${title}:`, '<none>']];
  return keys.map((k, i) => [i === 0 ? `${title}:` : '', `${k}=${labels?.[k] ?? ''}`]);
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Annotations, sorted, with long or multi-line values broken out below their key. */
export function annotationRows(annotations: Readonly<Record<string, string>> | undefined): Row[] {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) return [['Annotations:', '<none>']];
  const rows: Row[] = [];
  for (const [i, key] of keys.entries()) {
    const first = i === 0 ? 'Annotations:' : '';
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    // Go measures bytes; the simulator's annotations are ASCII, where bytes and UTF-16 units agree.
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      rows.push([first, `${key}:`]);
      for (const line of value.split('\n')) rows.push(['', `  ${shorten(line, MAX_ANNOTATION_LEN - 2)}`]);
    } else {
      rows.push([first, `${key}: ${value}`]);
    }
  }
  return rows;
}

function tolerationText(t: Toleration): string {
  let text = t.key ?? '';
  if (t.value) text += `=${t.value}`;
  if (t.effect) text += `:${t.effect}`;
  // `operator: Exists` with no key and no effect tolerates everything.
  if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
    text += ` for ${t.tolerationSeconds}s`;
  return text;
}

/** Tolerations sorted by key (Go's sort of so few items is stable). */
export function tolerationRows(tolerations: readonly Toleration[] | undefined): Row[] {
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) return [['Tolerations:', '<none>']];
  return list.map((t, i) => [i === 0 ? 'Tolerations:' : '', tolerationText(t)]);
}

const L2 = '    ';

function projectedRows(volume: Volume): Row[] {
  const rows: Row[] = [
    [`${L2}Type:`, 'Projected (a volume that contains injected data from multiple sources)'],
  ];
  for (const source of volume.projected?.sources ?? []) {
    if (source.secret) {
      rows.push(
        [`${L2}SecretName:`, source.secret.name ?? ''],
        [`${L2}Optional:`, String(source.secret.optional === true)],
      );
    } else if (source.downwardAPI) {
      rows.push([`${L2}DownwardAPI:`, 'true']);
    } else if (source.configMap) {
      rows.push(
        [`${L2}ConfigMapName:`, source.configMap.name ?? ''],
        [`${L2}Optional:`, String(source.configMap.optional === true)],
      );
    } else if (source.serviceAccountToken) {
      rows.push([`${L2}TokenExpirationSeconds:`, String(source.serviceAccountToken.expirationSeconds ?? 0)]);
    }
  }
  return rows;
}

function simpleVolumeRows(v: Volume): Row[] | null {
  if (v.hostPath) {
    return [
      [`${L2}Type:`, 'HostPath (bare host directory volume)'],
      [`${L2}Path:`, v.hostPath.path],
      [`${L2}HostPathType:`, v.hostPath.type || '<none>'],
    ];
  }
  if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit;
    return [
      [`${L2}Type:`, "EmptyDir (a temporary directory that shares a pod's lifetime)"],
      [`${L2}Medium:`, v.emptyDir.medium ?? ''],
      [`${L2}SizeLimit:`, limit && String(limit) !== '0' ? String(limit) : '<unset>'],
    ];
  }
  if (v.secret) {
    return [
      [`${L2}Type:`, 'Secret (a volume populated by a Secret)'],
      [`${L2}SecretName:`, v.secret.secretName ?? ''],
      [`${L2}Optional:`, String(v.secret.optional === true)],
    ];
  }
  if (v.configMap) {
    return [
      [`${L2}Type:`, 'ConfigMap (a volume populated by a ConfigMap)'],
      [`${L2}Name:`, v.configMap.name ?? ''],
      [`${L2}Optional:`, String(v.configMap.optional === true)],
    ];
  }
  return null;
}

function otherVolumeRows(v: Volume): Row[] {
  if (v.persistentVolumeClaim) {
    return [
      [`${L2}Type:`, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)'],
      [`${L2}ClaimName:`, v.persistentVolumeClaim.claimName],
      [`${L2}ReadOnly:`, String(v.persistentVolumeClaim.readOnly === true)],
    ];
  }
  if (v.downwardAPI) {
    const items = (v.downwardAPI.items ?? []).flatMap((item) => [
      ...(item.fieldRef ? [[`      ${item.fieldRef.fieldPath} -> ${item.path}`]] : []),
      ...(item.resourceFieldRef ? [[`      ${item.resourceFieldRef.resource} -> ${item.path}`]] : []),
    ]);
    return [
      [`${L2}Type:`, 'DownwardAPI (a volume populated by information about the pod)'],
      [`${L2}Items:`],
      ...items,
    ];
  }
  // Volume types the simulator never creates fall back to describe's own default.
  return [['  <unknown>']];
}

/** The `Volumes:` section. */
export function volumeRows(volumes: readonly Volume[] | undefined): Row[] {
  if (!volumes || volumes.length === 0) return [['Volumes:', '<none>']];
  const rows: Row[] = [['Volumes:']];
  for (const v of volumes) {
    rows.push([`  ${v.name}:`]);
    rows.push(...(v.projected ? projectedRows(v) : (simpleVolumeRows(v) ?? otherVolumeRows(v))));
  }
  return rows;
}
