// Command-line words → a command, or the reason they make no sense. Hand-written rather than
// node:util parseArgs so every mistake gets a sentence that names the word at fault.

export type Format = 'text' | 'json' | 'mermaid' | 'bindings' | 'table';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'trace' | 'schedule'; file: string; seed: number | null; format: Format }
  | { kind: 'kubectl'; scenario: string | null; at: number | 'end'; args: string[] };

export type ParsedArgs = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE = `Usage:
  podwalk trace <scenario.yaml> [--seed N] [--format text|json|mermaid]
  podwalk schedule <scenario.yaml> [--seed N] [--format table|json|bindings]
  podwalk kubectl [--scenario <scenario.yaml>] [--at <seq>|end] <kubectl args…>
  podwalk --help | --version

Commands:
  trace      simulate the scenario and print every message between the components
  schedule   run one scheduling cycle for each pod the scenario applies, without the rest of the cluster
  kubectl    run the scenario (default: the default cluster, no pods), then one kubectl command at its
             end or right after message --at, and print what kubectl prints, with its exit code:
             apply|create -f FILE, delete pod NAME, get pod [NAME] [-o wide|yaml|json|name] [-w],
             describe pod NAME, get events

Options:
  --seed N        use seed N instead of the scenario's own (spec.seed, default 1)
  --format F      text (default), json, mermaid (trace only); schedule: table (default; text is the same),
                  json or bindings (pod and node)
  --scenario F    (kubectl) the scenario to run first
  --at N|end      (kubectl) run the command right after message N instead of at the end
  -h, --help      show this help
  -V, --version   show the version
`;

const FORMATS: Record<'trace' | 'schedule', readonly Format[]> = {
  trace: ['text', 'json', 'mermaid'],
  schedule: ['table', 'text', 'json', 'bindings'],
};

const fail = (error: string): ParsedArgs => ({ ok: false, error });

/** `--name value` and `--name=value` both work; returns the value and how many words it used. */
function optionValue(
  argv: readonly string[],
  i: number,
  name: string,
): { value: string | null; used: number } {
  const word = argv[i] ?? '';
  if (word.startsWith(`${name}=`)) return { value: word.slice(name.length + 1), used: 1 };
  const next = argv[i + 1];
  return next === undefined ? { value: null, used: 1 } : { value: next, used: 2 };
}

function parseSeed(text: string): number | null {
  // The same rule as the scenario's spec.seed: a whole number that a double holds exactly.
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return fail('no command given.');
  if (argv.some((a) => a === '-h' || a === '--help')) return { ok: true, command: { kind: 'help' } };
  if (argv.some((a) => a === '-V' || a === '--version')) return { ok: true, command: { kind: 'version' } };
  const [name, ...rest] = argv;
  if (name === 'kubectl') return parseKubectlArgs(rest);
  if (name !== 'trace' && name !== 'schedule') return fail(`unknown command '${name ?? ''}'.`);
  const files: string[] = [];
  let seed: number | null = null;
  let format: Format = 'text';
  for (let i = 0; i < rest.length;) {
    const word = rest[i] ?? '';
    if (word === '--seed' || word.startsWith('--seed=')) {
      const { value, used } = optionValue(rest, i, '--seed');
      if (value === null) return fail('--seed needs a number.');
      seed = parseSeed(value);
      if (seed === null) return fail(`--seed must be a whole number, not '${value}'.`);
      i += used;
    } else if (word === '--format' || word.startsWith('--format=')) {
      const { value, used } = optionValue(rest, i, '--format');
      if (value === null) return fail('--format needs a value.');
      const allowed = FORMATS[name];
      if (!allowed.includes(value as Format))
        return fail(`${name} --format must be one of ${allowed.join(', ')}, not '${value}'.`);
      // `table` is the name for schedule's readable output; `text` stays as its alias.
      format = value === 'table' ? 'text' : (value as Format);
      i += used;
    } else if (word.startsWith('-') && word !== '-') {
      return fail(`unknown option '${word}'.`);
    } else {
      files.push(word);
      i += 1;
    }
  }
  if (files.length === 0) return fail(`${name} needs a scenario file.`);
  if (files.length > 1) return fail(`${name} takes one scenario file, got ${files.length}.`);
  return { ok: true, command: { kind: name, file: files[0] ?? '', seed, format } };
}

/**
 * `kubectl [--scenario F] [--at N|end] <kubectl args…>`: the two podwalk options may stand anywhere (kubectl
 * has no flags of those names) and everything else goes to kubectl untouched; `--` ends podwalk's options.
 */
function parseKubectlArgs(rest: readonly string[]): ParsedArgs {
  let scenario: string | null = null;
  let at: number | 'end' = 'end';
  const args: string[] = [];
  for (let i = 0; i < rest.length;) {
    const word = rest[i] ?? '';
    if (word === '--') {
      args.push(...rest.slice(i + 1));
      break;
    } else if (word === '--scenario' || word.startsWith('--scenario=')) {
      const { value, used } = optionValue(rest, i, '--scenario');
      if (value === null || value === '') return fail('--scenario needs a file.');
      scenario = value;
      i += used;
    } else if (word === '--at' || word.startsWith('--at=')) {
      const { value, used } = optionValue(rest, i, '--at');
      if (value === null) return fail('--at needs a message number or end.');
      if (value === 'end') at = 'end';
      else if (/^\d+$/.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value)))
        at = Number(value);
      else return fail(`--at must be a message number (1 or more) or end, not '${value}'.`);
      i += used;
    } else {
      args.push(word);
      i += 1;
    }
  }
  if (args.length === 0) return fail('kubectl needs a kubectl command, e.g. get pod.');
  return { ok: true, command: { kind: 'kubectl', scenario, at, args } };
}
