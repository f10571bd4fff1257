// The registry the simulation pulls from. Only images whose size and digest come from a recorded
// source are listed (each entry names it); anything else fails to pull, as an unknown tag does on a
// real node. Sizes are what containerd's ImageStatus reports (the compressed content), as the kubelet's
// `Pulled` event prints them.
export interface ImageInfo {
  /** Fully qualified reference, as containerd names it. */
  ref: string;
  sizeBytes: number;
  digest: string;
  /** The image's default program, which decides what a container without command/args does. */
  program: 'nginx' | 'shell' | 'redis-server' | 'postgres' | 'stress';
  /** The image's STOPSIGNAL (SIGTERM when it has none). */
  stopSignal: number;
}

const SIGINT = 2;
const SIGQUIT = 3;
const SIGTERM = 15;

const CATALOGUE: ImageInfo[] = [
  // lifecycle.md §9.4: a real `kubectl describe pod` of nginx:1.27 (Pulled event and Image ID).
  // STOPSIGNAL: docker-library/nginx Dockerfile `STOPSIGNAL SIGQUIT`.
  {
    ref: 'docker.io/library/nginx:1.27',
    sizeBytes: 72099410,
    digest: 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
    program: 'nginx',
    stopSignal: SIGQUIT,
  },
  // The rollout preset's new version. Size and digest from one public `kubectl describe pod` of
  // nginx:1.28 on containerd: `Successfully pulled image "nginx:1.28" … Image size: 62916597 bytes.`,
  // `Image ID: docker.io/library/nginx@sha256:146adea4…`. STOPSIGNAL as for 1.27.
  {
    ref: 'docker.io/library/nginx:1.28',
    sizeBytes: 62916597,
    digest: 'sha256:146adea4768b83c607d0bdfa4188464e3da6e0a3ad4475db1d1d8f64f27c29cc',
    program: 'nginx',
    stopSignal: SIGQUIT,
  },
  // Size: a kind cluster's `Successfully pulled image "busybox:latest" … Image size: 2236931 bytes.`;
  // digest: a containerd node's `Image ID: docker.io/library/busybox@sha256:fd8d9aa6…` (public transcripts).
  {
    ref: 'docker.io/library/busybox:latest',
    sizeBytes: 2236931,
    digest: 'sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d',
    program: 'shell',
    stopSignal: SIGTERM,
  },
  // Size: `Successfully pulled image "redis" … Image size: 45013665 bytes.`; digest: a pod status
  // `imageID: docker.io/library/redis@sha256:c45b9ac4…` for redis:latest (public transcripts).
  {
    ref: 'docker.io/library/redis:latest',
    sizeBytes: 45013665,
    digest: 'sha256:c45b9ac48fde5e7ffc59e785719165511b1327151c392c891c2f552a83446847',
    program: 'redis-server',
    stopSignal: SIGTERM,
  },
  // Size and digest from one `kubectl describe pod` of image "postgres" on containerd (public
  // transcript): Image size 162228059 bytes, Image ID …@sha256:38d5c9d5…. STOPSIGNAL: docker-library/
  // postgres Dockerfile `STOPSIGNAL SIGINT`.
  {
    ref: 'docker.io/library/postgres:latest',
    sizeBytes: 162228059,
    digest: 'sha256:38d5c9d522037d8bf0864c9068e4df2f8a60127c6489ab06f98fdeda535560f9',
    program: 'postgres',
    stopSignal: SIGINT,
  },
  // The Kubernetes docs' memory-limit example image. Size: `Successfully pulled image "polinux/stress"
  // … Image size: 4041495 bytes.`; digest: `Image ID: docker.io/polinux/stress@sha256:b6144f84…`
  // (many public transcripts agree).
  {
    ref: 'docker.io/polinux/stress:latest',
    sizeBytes: 4041495,
    digest: 'sha256:b6144f84f9c15dac80deb48d3a646b55c7043ab1d83ea0a697c09097aaad21aa',
    program: 'stress',
    stopSignal: SIGTERM,
  },
];

/** containerd 2.3's default sandbox image (lifecycle.md §5.1); preloaded on every node, never pulled. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.2';

/** The catalogue, for views that list what can be pulled. */
export function catalogue(): readonly ImageInfo[] {
  return CATALOGUE;
}

/** Docker Hub shorthand → full reference (`nginx:1.27` → `docker.io/library/nginx:1.27`). */
export function normalizeImage(image: string): string {
  let ref = image;
  const firstSlash = ref.indexOf('/');
  const first = firstSlash < 0 ? '' : ref.slice(0, firstSlash);
  if (firstSlash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.includes('@') && ref.lastIndexOf(':') <= lastSlash) ref = `${ref}:latest`;
  return ref;
}

export function lookupImage(image: string): ImageInfo | null {
  const ref = normalizeImage(image);
  return CATALOGUE.find((i) => i.ref === ref) ?? null;
}

// distribution/reference's grammar: path components, optional domain, tag, digest.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** upstream: distribution/reference normalize.go splitDockerDomain */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  const first = i < 0 ? '' : name.slice(0, i);
  if (i < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    return ['docker.io', i < 0 || !name.includes('/') ? `library/${name}` : name];
  }
  return [first, name.slice(i + 1)];
}

/**
 * The kubelet's first check of an image reference, or its error message (waiting reason
 * InvalidImageName). upstream: pkg/kubelet/images/image_manager.go EnsureImageExists
 * (applyDefaultImageTag); pkg/util/parsers ParseImageName; distribution/reference ParseNormalizedNamed.
 */
export function imageNameError(image: string): string | null {
  const prefix = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": `;
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote)
    return `${prefix}invalid reference format: repository name (${remote}) must be lowercase`;
  return REFERENCE.test(`${domain}/${remainder}`) ? null : `${prefix}invalid reference format`;
}
