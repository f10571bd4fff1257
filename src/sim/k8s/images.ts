// The registry the simulation pulls from. Only images whose size and digest come from a recorded
// source are listed; anything else fails to pull, as an unknown tag does on a real node.
export interface ImageInfo {
  /** Fully qualified reference, as containerd names it. */
  ref: string;
  sizeBytes: number;
  digest: string;
}

// Sizes and digests: lifecycle.md §9.4 (a real `kubectl describe pod` of nginx:1.27).
const CATALOGUE: ImageInfo[] = [
  {
    ref: 'docker.io/library/nginx:1.27',
    sizeBytes: 72099410,
    digest: 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
  },
];

/** containerd 2.3's default sandbox image (lifecycle.md §5.1). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.2';

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
