// The name of the file the manifests are in: what `kubectl apply -f` names, and the editor's tab. A file
// is named after what it holds, as people name theirs (deployment.yaml for a Deployment); pod.yaml for
// Pods, and for texts and share links from before files were named by kind, whose actions apply pod.yaml.
import { MANIFEST_FILE, type Action, type KubeObject } from '../sim/scenario';

/** The file an apply or create reads (`-f x`, `-f=x`, `--filename x`), or null. */
export function fileOf(args: readonly string[]): string | null {
  if (args[0] !== 'apply' && args[0] !== 'create') return null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f' || a === '--filename') return args[i + 1] ?? null;
    const eq = /^(?:-f|--filename)=(.*)$/.exec(a);
    if (eq) return eq[1]!;
  }
  return null;
}

/** `deployment.yaml` for a file whose first object is a Deployment; pod.yaml when there is none. */
export function fileNameFor(manifests: readonly KubeObject[]): string {
  const kind = manifests[0]?.kind;
  return kind && /^[A-Za-z][A-Za-z0-9]*$/.test(kind) ? `${kind.toLowerCase()}.yaml` : MANIFEST_FILE;
}

/** The manifests' file name, given the actions that will apply it (null: the default actions). */
export function manifestFileName(
  manifests: readonly KubeObject[],
  actions: readonly Action[] | null,
): string {
  const own = fileNameFor(manifests);
  if (own === MANIFEST_FILE || !actions) return own;
  const named = actions.map((a) => (a.kind === 'kubectl' ? fileOf(a.args) : null));
  return named.includes(MANIFEST_FILE) && !named.includes(own) ? MANIFEST_FILE : own;
}

/** `manifestFile` for a Scenario: only set when it is not the default, so Pod scenarios stay as they were. */
export function withManifestFile<
  S extends { manifests: KubeObject[]; actions: Action[]; manifestFile?: string },
>(scenario: S): S {
  const { manifestFile: _, ...rest } = scenario;
  const file = manifestFileName(scenario.manifests, scenario.actions);
  return (file === MANIFEST_FILE ? rest : { ...rest, manifestFile: file }) as S;
}
