// What the CLI touches outside itself, passed in so tests can run it in-process and read what it wrote.
import { readFileSync } from 'node:fs';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The file's text; throws a Node error (ENOENT, EISDIR, …) when it cannot be read. */
  readFile: (path: string) => string;
}

export const nodeIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // `-` is standard input, so a scenario can be piped in.
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
};

/** Exit codes: 0 done, 1 the run itself failed (a bug of ours), 2 the user asked for something we cannot do. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
