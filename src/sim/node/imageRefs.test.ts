import { describe, expect, it } from 'vitest';
import { catalogue, imageNameError, lookupImage, normalizeImage } from '../k8s/images';

describe('image references', () => {
  it('accepts ordinary references with and without registry, tag or digest', () => {
    for (const ok of [
      'nginx',
      'nginx:1.27',
      'polinux/stress',
      'registry.k8s.io/pause:3.10.2',
      `busybox@sha256:${'a'.repeat(64)}`,
    ])
      expect(imageNameError(ok)).toBeNull();
  });

  it('rejects an upper-case repository with the kubelet text and the normalized name', () => {
    expect(imageNameError('busyBOX')).toBe(
      'Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    );
  });

  it('rejects a double slash as an invalid reference format', () => {
    expect(imageNameError('registry.hub.docker.com/library//nginx:latest')).toMatch(
      /: invalid reference format$/,
    );
  });

  it('normalizes Docker Hub shorthand and finds catalogue entries by it', () => {
    expect(normalizeImage('busybox')).toBe('docker.io/library/busybox:latest');
    expect(lookupImage('polinux/stress')?.sizeBytes).toBe(4041495);
    expect(lookupImage('nginx:nope')).toBeNull();
  });

  it('gives every catalogue entry a size and a sha256 digest', () => {
    for (const i of catalogue()) {
      expect(i.sizeBytes).toBeGreaterThan(0);
      expect(i.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    }
  });
});
