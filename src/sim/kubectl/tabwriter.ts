// A port of Go's text/tabwriter layout (and the RememberWidths flag of the liggitt/tabwriter fork kubectl uses),
// because kubectl's column spacing is whatever this algorithm produces and faithful output needs the same quirks:
// columns are blocks of consecutive lines, the last cell of a line is never padded, and a tab-terminated empty cell
// still gets padded (so `IP:` with no value ends in spaces).
// upstream: go/src/text/tabwriter/tabwriter.go (format, writeLines); github.com/liggitt/tabwriter tabwriter.go

export interface TabwriterOptions {
  /** Minimal cell width including padding (kubectl get: 6, describe: 0). */
  minwidth?: number;
  /** Spaces added to the widest cell of a column (kubectl get: 3, describe: 2). */
  padding: number;
}

/** One line of input: every cell but the last is tab-terminated, so `['IP:', '']` is `"IP:\t\n"`. */
export type Row = readonly string[];

interface Layout {
  rows: readonly Row[];
  minwidth: number;
  padding: number;
  /** Per-column maxima kept across flushes; null unless RememberWidths. */
  maxwidths: number[] | null;
  out: string[];
}

// Go counts runes, not bytes or UTF-16 units.
function runeWidth(text: string): number {
  return Array.from(text).length;
}

function writeLines(layout: Layout, widths: readonly number[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const cells = layout.rows[i] ?? [];
    const padded = cells.map((cell, j) => {
      const width = widths[j];
      return width === undefined ? cell : cell + ' '.repeat(Math.max(0, width - runeWidth(cell)));
    });
    layout.out.push(padded.join(''));
  }
}

// RememberWidths: a column never gets narrower than it was in an earlier flush.
function remember(layout: Layout, widths: readonly number[], width: number): number {
  const max = layout.maxwidths;
  if (max === null) return width;
  if (max.length < widths.length) max.push(...widths.slice(max.length));
  const column = widths.length;
  const seen = max[column];
  if (seen === undefined) max.push(width);
  else if (seen > width) return seen;
  else max[column] = width;
  return width;
}

function blockWidth(layout: Layout, column: number, from: number, to: number): [number, number] {
  let width = layout.minwidth;
  let end = from;
  for (; end < to; end++) {
    const cells = layout.rows[end] ?? [];
    if (column >= cells.length - 1) break;
    width = Math.max(width, runeWidth(cells[column] ?? '') + layout.padding);
  }
  return [width, end];
}

function format(layout: Layout, widths: readonly number[], line0: number, line1: number): void {
  const column = widths.length;
  let start = line0;
  for (let i = line0; i < line1; i++) {
    if (column >= (layout.rows[i]?.length ?? 0) - 1) continue;
    // A cell exists in this column: lines before it are complete, and a new column block begins here.
    writeLines(layout, widths, start, i);
    const [raw, end] = blockWidth(layout, column, i, line1);
    format(layout, [...widths, remember(layout, widths, raw)], i, end);
    start = end;
    i = end; // Go's loop also steps past the line that ended the block; it has no cell in this column.
  }
  writeLines(layout, widths, start, line1);
}

/** Lays out one flush worth of rows and returns the output lines (without newlines). */
export function tabwrite(rows: readonly Row[], options: TabwriterOptions): string[] {
  const layout: Layout = {
    rows,
    minwidth: options.minwidth ?? 0,
    padding: options.padding,
    maxwidths: null,
    out: [],
  };
  format(layout, [], 0, rows.length);
  return layout.out;
}

/** Lays out tab/newline text, as `fmt.Fprintf` into a tabwriter followed by Flush would. */
export function tabwriteText(text: string, options: TabwriterOptions): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const rows = body.split('\n').map((line) => line.split('\t'));
  return tabwrite(rows, options).join('\n') + (text.endsWith('\n') ? '\n' : '');
}

export interface RememberingTabwriter {
  /** Writes rows and flushes; widths of earlier flushes are kept as minima. */
  flush(rows: readonly Row[]): string[];
}

/** A writer with RememberWidths, as `kubectl get -w` keeps one for the whole watch. */
export function createRememberingTabwriter(options: TabwriterOptions): RememberingTabwriter {
  const maxwidths: number[] = [];
  return {
    flush(rows) {
      const layout: Layout = {
        rows,
        minwidth: options.minwidth ?? 0,
        padding: options.padding,
        maxwidths,
        out: [],
      };
      format(layout, [], 0, rows.length);
      return layout.out;
    },
  };
}
