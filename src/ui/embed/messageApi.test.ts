import { describe, expect, it } from 'vitest';
import { acceptsMessage, eventTargets, parseCommand } from './messageApi';
import { readLanes, readOrigins, readUrl } from '../urlState';

describe('embed commands', () => {
  it('accept the six commands in their documented shapes', () => {
    for (const type of ['podwalk:play', 'podwalk:pause', 'podwalk:step', 'podwalk:back'])
      expect(parseCommand({ type, extra: 1 })).toEqual({ type });
    expect(parseCommand({ type: 'podwalk:seek', step: 44 })).toEqual({ type: 'podwalk:seek', step: 44 });
    expect(parseCommand({ type: 'podwalk:load', text: 'kind: Pod' })).toEqual({
      type: 'podwalk:load',
      text: 'kind: Pod',
    });
  });

  it('ignore anything else', () => {
    for (const data of [
      null,
      'podwalk:play',
      ['podwalk:play'],
      { type: 'podwalk:eval', code: 'alert(1)' },
      { type: 'podwalk:seek' },
      { type: 'podwalk:seek', step: '4' },
      { type: 'podwalk:seek', step: -1 },
      { type: 'podwalk:seek', step: 2.5 },
      { type: 'podwalk:seek', step: Infinity },
      { type: 'podwalk:load' },
      { type: 'podwalk:load', text: 42 },
      { type: 'podwalk:load', text: 'x'.repeat(2 * 1024 * 1024 + 1) },
    ])
      expect(parseCommand(data)).toBeNull();
  });

  it('are obeyed only from the parent window and, with ?origin=, only from listed origins', () => {
    const parent = {};
    const self = {};
    expect(acceptsMessage(parent, 'https://a.example', parent, self, null)).toBe(true);
    expect(acceptsMessage(self, 'https://a.example', parent, self, null)).toBe(false);
    expect(acceptsMessage({}, 'https://a.example', parent, self, null)).toBe(false);
    expect(acceptsMessage(self, 'https://a.example', self, self, null)).toBe(false);
    expect(acceptsMessage(parent, 'https://a.example', parent, self, ['https://a.example'])).toBe(true);
    expect(acceptsMessage(parent, 'https://b.example', parent, self, ['https://a.example'])).toBe(false);
    expect(acceptsMessage(parent, 'https://a.example', parent, self, [])).toBe(false);
  });

  it('send events to the listed origins, or to any', () => {
    expect(eventTargets(null)).toEqual(['*']);
    expect(eventTargets(['https://a.example'])).toEqual(['https://a.example']);
  });
});

describe('embed options in the address', () => {
  it('read embed, autoplay, lanes and origins', () => {
    expect(readUrl('?embed=1&autoplay=1&lanes=etcd,kubectl&origin=https://a.example&step=3')).toEqual({
      scenario: null,
      step: 3,
      activity: null,
      embed: true,
      autoplay: true,
      lanes: ['kubectl', 'etcd'],
      origins: ['https://a.example'],
    });
  });

  it('drop unknown lanes and malformed origins', () => {
    expect(readLanes('etcd,<script>,kernel')).toEqual(['etcd', 'kernel']);
    expect(readLanes('nothing')).toBeNull();
    expect(readOrigins('https://a.example/path,javascript:alert(1),http://b.example:8080,*')).toEqual([
      'http://b.example:8080',
    ]);
    expect(readOrigins('*')).toEqual([]);
  });
});
