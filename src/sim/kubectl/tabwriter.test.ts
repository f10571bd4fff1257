// Go text/tabwriter layout rules that kubectl output depends on (lifecycle.md §9.1).
import { describe, expect, it } from 'vitest';
import { createRememberingTabwriter, tabwrite, tabwriteText } from './tabwriter';

describe('tabwrite', () => {
  it('aligns only contiguous cells, as in the Go package documentation', () => {
    const rows = [
      ['aaaa', 'bbb', 'd'],
      ['aa', 'b', 'dd'],
      ['a', ''],
      ['aa', 'cccc', 'eee'],
    ];
    expect(tabwrite(rows, { padding: 1 })).toEqual(['aaaa bbb d', 'aa   b   dd', 'a    ', 'aa   cccc eee']);
  });

  it('pads a tab-terminated empty cell but never the last cell', () => {
    expect(tabwriteText('Status:\tPending\nIP:\t\nIPs:\t<none>\n', { padding: 2 })).toBe(
      'Status:  Pending\nIP:      \nIPs:     <none>\n',
    );
  });

  it('restarts alignment after a line without tabs', () => {
    expect(tabwriteText('Name:\tnginx\nIPs:\n  IP:\t10.244.1.5\n', { padding: 2 })).toBe(
      'Name:  nginx\nIPs:\n  IP:  10.244.1.5\n',
    );
  });

  it('applies the minimum width to short columns', () => {
    expect(tabwrite([['a', 'b']], { minwidth: 6, padding: 3 })).toEqual(['a     b']);
  });

  it('counts runes, not UTF-16 units', () => {
    expect(
      tabwrite(
        [
          ['é😀', 'x'],
          ['abc', 'y'],
        ],
        { padding: 1 },
      ),
    ).toEqual(['é😀  x', 'abc y']);
  });
});

describe('createRememberingTabwriter', () => {
  it('widens later flushes but never shrinks or rewrites earlier rows', () => {
    const w = createRememberingTabwriter({ minwidth: 6, padding: 3 });
    const out = [
      ...w.flush([
        ['STATUS', 'AGE'],
        ['Pending', '0s'],
      ]),
      ...w.flush([['ContainerCreating', '0s']]),
      ...w.flush([['Running', '4s']]),
    ];
    expect(out).toEqual([
      'STATUS    AGE',
      'Pending   0s',
      'ContainerCreating   0s',
      'Running             4s',
    ]);
  });
});
