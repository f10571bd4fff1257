import { describe, expect, it } from 'vitest';
import { pullNotFoundError } from './pullError';

describe('the PullImage error for a missing image', () => {
  it('is containerd’s resolver error, gRPC NotFound, on a containerd node', () => {
    expect(pullNotFoundError('docker.io/library/nginx:9.9', undefined)).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found',
    );
  });

  it('is containers/image’s manifest error, gRPC Unknown, for a missing tag on a CRI-O node', () => {
    expect(pullNotFoundError('docker.io/library/nginx:9.9', 'cri-o')).toBe(
      'rpc error: code = Unknown desc = reading manifest 9.9 in docker.io/library/nginx: manifest unknown',
    );
  });

  it('names the digest for a missing digest on a CRI-O node', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    expect(pullNotFoundError(`docker.io/library/nginx@${d}`, 'cri-o')).toBe(
      `rpc error: code = Unknown desc = reading manifest ${d} in docker.io/library/nginx: manifest unknown`,
    );
  });

  it('keeps containerd’s wording for a repository the registry does not have (not modelled)', () => {
    expect(pullNotFoundError('docker.io/library/no-such-image:1', 'cri-o')).toContain('code = NotFound');
  });
});

describe('a missing tag on a CRI-O node, whole run', () => {
  it('gives the kubelet’s Failed event and ErrImagePull status CRI-O’s wording', async () => {
    const { getPreset, parseScenario } = await import('../../../scenario');
    const { simulate } = await import('../../cluster/simulate');
    const text = (getPreset('cri-o')?.text ?? '').replace('nginx:1.27', 'nginx:9.9');
    const parsed = parseScenario(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const t = simulate({ ...parsed.scenario, options: { ...parsed.scenario.options, horizonMs: 30_000 } });
    const messages = t.messages
      .filter((m) => m.label === 'POST event Failed')
      .map((m) => (m.detail.body as { message?: string }).message);
    expect(messages).toContain(
      'Failed to pull image "nginx:9.9": rpc error: code = Unknown desc = reading manifest 9.9 in docker.io/library/nginx: manifest unknown',
    );
  });
});
