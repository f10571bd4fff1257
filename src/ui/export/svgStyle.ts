// The light theme of src/diagram/diagram.css as concrete values, for exported SVG files (which carry no
// stylesheet and no CSS variables). Keep in step with diagram.css when its colours change.
import type { LaneGroup } from '../../diagram';
import type { MessageKind } from '../../sim/trace/types';

export const PALETTE = {
  bg: '#ffffff',
  fg: '#1f2328',
  muted: '#57606a',
  rule: '#d0d7de',
  arrow: '#6e7781',
  accent: '#c2410c',
  onAccent: '#ffffff',
} as const;

const GROUPS: Record<LaneGroup, { hue: string; tint: string }> = {
  client: { hue: '#6d28d9', tint: '#f5f3ff' },
  control: { hue: '#1d4ed8', tint: '#eff6ff' },
  node: { hue: '#15803d', tint: '#f0fdf4' },
};

export const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const MONO = "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace";

export function hueOf(group: LaneGroup): { hue: string; tint: string } {
  return GROUPS[group];
}

export interface MessageStyle {
  colour: string;
  width: number;
  dash: string | null;
  headFill: string;
  headWidth: number;
}

/** As diagram.css draws them: requests solid, responses thin and dashed with an open head, watches dashed. */
export function messageStyle(
  kind: MessageKind,
  self: boolean,
  clipped: boolean,
  current: boolean,
): MessageStyle {
  const colour = current ? PALETTE.accent : PALETTE.arrow;
  const response = kind === 'response';
  let dash: string | null = null;
  if (response) dash = '4 3';
  if (kind === 'watch') dash = '7 4';
  if (clipped) dash = '1 3';
  return {
    colour,
    width: current ? 2.5 : response ? 1 : 1.5,
    dash,
    headFill: response || self ? 'none' : colour,
    headWidth: response ? 1.25 : 1.5,
  };
}
