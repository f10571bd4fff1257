import { describe, expect, it } from 'vitest';
import { frozenProbeOutcome } from './probes';

const nginx = { name: 'nginx', image: 'nginx:1.27' };
const IP = '10.244.2.2';

describe('probes against a frozen process (runc pause)', () => {
  it('times an HTTP probe out with the Go client’s error when the port listens', () => {
    expect(frozenProbeOutcome(nginx, { httpGet: { path: '/', port: 80 } }, IP, 5000)).toEqual({
      ok: false,
      output: `Get "http://${IP}:80/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      understood: true,
    });
  });

  it('still refuses an HTTP probe to a port nothing listens on (the kernel answers RST)', () => {
    const r = frozenProbeOutcome(nginx, { httpGet: { path: '/', port: 8080 } }, IP, 5000);
    expect(r.output).toBe(`Get "http://${IP}:8080/": dial tcp ${IP}:8080: connect: connection refused`);
  });

  it('passes a TCP probe: the kernel completes the handshake for a frozen listener', () => {
    expect(frozenProbeOutcome(nginx, { tcpSocket: { port: 80 } }, IP, 5000).ok).toBe(true);
  });

  it('times an exec probe out after timeoutSeconds, in the CRI client’s words', () => {
    const r = frozenProbeOutcome(
      nginx,
      { exec: { command: ['cat', '/tmp/healthy'] }, timeoutSeconds: 2 },
      IP,
      0,
    );
    expect(r).toEqual({
      ok: false,
      output: 'command timed out: "cat /tmp/healthy" timed out after 2s',
      understood: true,
    });
  });
});
