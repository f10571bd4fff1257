// Node 20 cannot import .ts: the Node-side bench parts bundle the TypeScript modules they time into one
// temporary .mjs with esbuild, import it, and delete the file.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `exports` maps each source path (relative to `root`) to what to re-export from it, e.g.
 * `{ 'src/sim/cluster/simulate.ts': '{ simulate }', 'src/sim/scheduler/index.ts': '* as sched' }`.
 */
export async function importSources(root, name, exports) {
  const entry = Object.entries(exports)
    .map(([path, what]) => `export ${what} from ${JSON.stringify(join(root, path))};`)
    .join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: `bench-${name}-entry.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
    // CommonJS dependencies (yaml) call require('process'); give the ESM bundle a real require.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
  const dir = mkdtempSync(join(tmpdir(), `podwalk-bench-${name}-`));
  const file = join(dir, `${name}.mjs`);
  try {
    writeFileSync(file, result.outputFiles[0].contents);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
