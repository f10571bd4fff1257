// The error a PullImage of a missing image returns, in the wording of the node's runtime; the kubelet
// prints it after `Failed to pull image "…": ` and in the ErrImagePull waiting message.
import { catalogue } from '../../k8s/images';

/** `docker.io/library/nginx:9.9` → name `docker.io/library/nginx`, tag or digest `9.9`. */
function splitRef(ref: string): { name: string; tagOrDigest: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { name: ref.slice(0, at), tagOrDigest: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/')
    ? { name: ref.slice(0, colon), tagOrDigest: ref.slice(colon + 1) }
    : { name: ref, tagOrDigest: 'latest' };
}

/**
 * `ref` is the fully qualified reference. containerd: its resolver's not-found (lifecycle.md §9.4),
 * gRPC NotFound. CRI-O, for a tag or digest the registry does not have in a repository it has: the
 * registry answers 404 MANIFEST_UNKNOWN and containers/image reports `reading manifest %s in %s: %w`
 * with the registry's message alone ("manifest unknown"); CRI-O returns that error unwrapped, which gRPC
 * carries as code Unknown. upstream: cri-o server/image_pull.go PullImage/pullImageCandidate (`return
 * storage.RegistryImageReference{}, err`); containers/image docker/docker_image_src.go fetchManifest,
 * docker/errors.go registryHTTPResponseToError. Real kubelet events read e.g. `Failed to pull image
 * "docker.io/x/y:3.8.5": rpc error: code = Unknown desc = reading manifest 3.8.5 in docker.io/x/y:
 * manifest unknown`. A repository the registry does not have at all answers differently (401 denied),
 * which is not modelled: containerd's wording stays for it.
 */
export function pullNotFoundError(ref: string, runtime: 'cri-o' | undefined): string {
  const { name, tagOrDigest } = splitRef(ref);
  const repoKnown = catalogue().some((i) => splitRef(i.ref).name === name);
  if (runtime === 'cri-o' && repoKnown)
    return `rpc error: code = Unknown desc = reading manifest ${tagOrDigest} in ${name}: manifest unknown`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
