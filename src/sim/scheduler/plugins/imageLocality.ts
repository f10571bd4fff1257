// ImageLocality: credit for images already on the node, scaled by how widely they are spread.
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo, Snapshot } from '../types';

export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
// upstream: pkg/scheduler/framework/plugins/imagelocality/image_locality.go minThreshold / maxContainerThreshold
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** "nginx" → "nginx:latest"; a tag is present only if the last ':' comes after the last '/'. */
// upstream: image_locality.go normalizedImageName
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

// upstream: image_locality.go sumImageScores, scaledImageScore, calculatePriority
export function imageLocalityScore(pod: Pod, node: NodeInfo, snapshot: Snapshot): number {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const total = snapshot.nodes.length;
  let sum = 0;
  for (const c of containers) {
    const name = normalizedImageName(c.image ?? '');
    const size = node.images.get(name);
    if (size === undefined) continue;
    const spread = (snapshot.imageNodeCounts.get(name) ?? 0) / total;
    sum += Math.trunc(size * spread);
  }
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** imageLocalityScore with the pod's image names and their spread worked out once for every node. */
/** The scorer gives a node without images (or `null`) the same score as any node without the pod's images. */
export function imageLocalityScorer(pod: Pod, snapshot: Snapshot): (node: NodeInfo | null) => number {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const total = snapshot.nodes.length;
  const images = containers.map((c) => {
    const name = normalizedImageName(c.image ?? '');
    return { name, spread: (snapshot.imageNodeCounts.get(name) ?? 0) / total };
  });
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
  const score = (sum: number): number => {
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
    return Math.trunc((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  };
  const none = score(0);
  return (node) => {
    if (node === null || node.images.size === 0) return none;
    let sum = 0;
    for (const { name, spread } of images) {
      const size = node.images.get(name);
      if (size !== undefined) sum += Math.trunc(size * spread);
    }
    return score(sum);
  };
}
