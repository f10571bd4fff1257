import { describe, expect, it } from 'vitest';
import type { OutputBundle } from 'rolldown';
import { pageFiles } from './preloadPage';

const chunk = (fileName: string, facade: string | null, imports: string[], css: string[] = []) => ({
  type: 'chunk' as const,
  fileName,
  facadeModuleId: facade,
  imports,
  viteMetadata: { importedCss: new Set(css), importedAssets: new Set<string>() },
});

const bundle = {
  'assets/index-A.js': chunk(
    'assets/index-A.js',
    '/r/src/main.tsx',
    ['assets/runtime-R.js'],
    ['assets/index-A.css'],
  ),
  'assets/mountPage-P.js': chunk(
    'assets/mountPage-P.js',
    '/r/src/ui/mountPage.tsx',
    ['assets/index-A.js', 'assets/react-X.js'],
    ['assets/mountPage-P.css'],
  ),
  'assets/react-X.js': chunk('assets/react-X.js', null, ['assets/runtime-R.js']),
  'assets/runtime-R.js': chunk('assets/runtime-R.js', null, []),
  'assets/lazy-L.js': chunk(
    'assets/lazy-L.js',
    '/r/src/ui/Lazy.tsx',
    ['assets/react-X.js'],
    ['assets/lazy-L.css'],
  ),
  'assets/index-A.css': { type: 'asset' as const, fileName: 'assets/index-A.css' },
} as unknown as OutputBundle;

describe('pageFiles', () => {
  it('lists the page chunk, every chunk it imports (transitively) and their styles, not lazy chunks', () => {
    const files = pageFiles(bundle, '/src/ui/mountPage.tsx');
    expect(files.scripts.sort()).toEqual([
      'assets/index-A.js',
      'assets/mountPage-P.js',
      'assets/react-X.js',
      'assets/runtime-R.js',
    ]);
    expect(files.styles.sort()).toEqual(['assets/index-A.css', 'assets/mountPage-P.css']);
  });

  it('lists nothing when no chunk is the page', () => {
    expect(pageFiles(bundle, '/src/ui/Missing.tsx')).toEqual({ scripts: [], styles: [] });
  });
});
