// The simulation Worker, started and given the page's first run before React has rendered anything.
// Loading and compiling the simulation (about 460 KB) and running the first scenario then overlap the
// page's own start (its script, React's first render, the share link being read), instead of following
// them. useSimulation takes the Worker over, and with it the run already under way when its first
// request asks for the same text. Kept free of React so that it can run first.
import { createSimWorker } from './simWorker';
import type { WireReply } from './simWire';

/** The id of the early run: below every id useSimulation gives (0, 1, 2, …), so none can be taken for it. */
export const EARLY_RUN_ID = -1;

export interface EarlyRun {
  text: string;
  /** Its reply, if it came before useSimulation listened (a Worker does not keep messages for later). */
  reply: WireReply | null;
  /** useSimulation took the run over: from then on it hears the reply itself. */
  adopted: boolean;
}

export interface EarlyWorker {
  worker: Worker;
  /** The script could not load, and said so before anyone listened. */
  failed: boolean;
  run: EarlyRun | null;
}

let early: EarlyWorker | null = null;

export function newSimWorker(): Worker | null {
  try {
    return createSimWorker();
  } catch {
    return null;
  }
}

/** Starts the Worker now, if it can start here; useSimulation takes it (takeEarlyWorker) when it mounts. */
export function prestartSimWorker(): void {
  if (early) return;
  const worker = newSimWorker();
  if (!worker) return;
  const started: EarlyWorker = { worker, failed: false, run: null };
  // A script that cannot load says so once, possibly before useSimulation attaches its own handler.
  worker.addEventListener(
    'error',
    (e) => {
      if (early !== started) return;
      started.failed = true;
      e.preventDefault();
    },
    { once: true },
  );
  early = started;
}

/** Posts the page's first run to the early Worker, once; its reply waits here until someone takes it. */
export function prerunText(text: string): void {
  const started = early;
  if (!started || started.failed || started.run) return;
  const run: EarlyRun = { text, reply: null, adopted: false };
  const hear = (e: MessageEvent<WireReply>) => {
    if (e.data.id !== EARLY_RUN_ID) return;
    started.worker.removeEventListener('message', hear);
    if (!run.adopted) run.reply = e.data;
  };
  started.worker.addEventListener('message', hear);
  started.run = run;
  started.worker.postMessage({ id: EARLY_RUN_ID, text });
}

/** The early Worker (and its run) if there is one; it is then the caller's. */
export function takeEarlyWorker(): EarlyWorker | null {
  const taken = early;
  early = null;
  return taken;
}
