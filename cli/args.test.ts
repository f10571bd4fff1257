import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('defaults to the text format and the scenario seed', () => {
    expect(parseArgs(['trace', 'a.yaml'])).toEqual({
      ok: true,
      command: { kind: 'trace', file: 'a.yaml', seed: null, format: 'text' },
    });
  });

  it('accepts options before or after the file, with a space or an equals sign', () => {
    expect(parseArgs(['schedule', '--seed=7', 'a.yaml', '--format', 'json'])).toEqual({
      ok: true,
      command: { kind: 'schedule', file: 'a.yaml', seed: 7, format: 'json' },
    });
  });

  it('rejects a seed that is not a whole number', () => {
    expect(parseArgs(['trace', 'a.yaml', '--seed', '1.5'])).toEqual({
      ok: false,
      error: "--seed must be a whole number, not '1.5'.",
    });
  });

  it('rejects an unknown option by name', () => {
    expect(parseArgs(['trace', 'a.yaml', '--colour'])).toEqual({
      ok: false,
      error: "unknown option '--colour'.",
    });
  });

  it('rejects a missing or a second scenario file', () => {
    expect(parseArgs(['trace'])).toEqual({ ok: false, error: 'trace needs a scenario file.' });
    expect(parseArgs(['trace', 'a.yaml', 'b.yaml'])).toEqual({
      ok: false,
      error: 'trace takes one scenario file, got 2.',
    });
  });

  it('treats - as a file name, meaning standard input', () => {
    expect(parseArgs(['trace', '-'])).toMatchObject({ ok: true, command: { file: '-' } });
  });

  it('lets --help win over everything else on the line', () => {
    expect(parseArgs(['trace', '--bogus', '--help'])).toEqual({ ok: true, command: { kind: 'help' } });
  });
});

describe('parseArgs kubectl', () => {
  it('takes --scenario and --at anywhere and passes everything else to kubectl', () => {
    expect(parseArgs(['kubectl', '--scenario', 'pod.yaml', 'get', 'pod', '--at=12', '-o', 'wide'])).toEqual({
      ok: true,
      command: { kind: 'kubectl', scenario: 'pod.yaml', at: 12, args: ['get', 'pod', '-o', 'wide'] },
    });
    expect(parseArgs(['kubectl', '--at', 'end', '--', 'get', '--at', 'x'])).toEqual({
      ok: true,
      command: { kind: 'kubectl', scenario: null, at: 'end', args: ['get', '--at', 'x'] },
    });
  });

  it('rejects a bad --at and a missing kubectl command', () => {
    expect(parseArgs(['kubectl', '--at', '0', 'get', 'pod'])).toEqual({
      ok: false,
      error: "--at must be a message number (1 or more) or end, not '0'.",
    });
    expect(parseArgs(['kubectl', '--scenario', 'a.yaml'])).toEqual({
      ok: false,
      error: 'kubectl needs a kubectl command, e.g. get pod.',
    });
  });
});
