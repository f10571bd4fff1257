// Deterministic identifiers in the shapes Kubernetes and containerd use, drawn from the seeded source.
import type { Random } from './random';

const HEX = '0123456789abcdef';
// upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go alphanums (no vowels, no 0/1/3 lookalikes)
const K8S_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** A version-4 UUID, as `metadata.uid` looks. */
export function newUid(rnd: Random): string {
  const s = rnd.pick(HEX, 32);
  // The version nibble is 4, the variant's top bits 10 (8–b): drawn after the 32 digits, as before.
  const variant = HEX[8 + rnd.int(4)]!;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
}

/** A 64-hex id, as containerd gives sandboxes and containers. */
export function newContainerId(rnd: Random): string {
  return rnd.pick(HEX, 64);
}

/** The suffix Kubernetes appends to generated names (`kube-api-access-7xk2p`). */
export function newNameSuffix(rnd: Random, length = 5): string {
  return rnd.pick(K8S_ALPHANUMS, length);
}

export function hex(rnd: Random, length: number): string {
  return rnd.pick(HEX, length);
}
