// Runs simulations in a Web Worker and feeds the last good trace to the store. A parse error keeps the
// last good trace on screen; a run that does not answer in time is stopped, and the page stays usable.
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from './store';
import type { RunReply, RunRequest } from './runRequest';
import { fromWire, type WireReply } from './simWire';
import type { Scenario } from '../sim/scenario';
import { createSimWorker } from './simWorker';

const TIMEOUT_MS = 15_000;

type Pending = { id: number; timer: ReturnType<typeof setTimeout>; message: RunRequest };

function newWorker(): Worker | null {
  try {
    return createSimWorker();
  } catch {
    return null;
  }
}

/** A Worker started early, and whether it has already said it cannot load (before anyone listened). */
let early: { worker: Worker; failed: boolean } | null = null;

/**
 * Starts the Worker while the page's own script still runs: loading and compiling the simulation
 * (about 400 KB) then overlaps React's first render and the reading of a share link, instead of
 * following the first run request.
 */
export function prestartSimWorker(): void {
  if (early) return;
  const worker = newWorker();
  if (!worker) return;
  const started = { worker, failed: false };
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

/** The early Worker if there is a good one, else a new one; null when Workers cannot start here. */
function takeWorker(): { worker: Worker | null; failed: boolean } {
  const taken = early;
  early = null;
  if (taken?.failed) {
    taken.worker.terminate();
    return { worker: null, failed: true };
  }
  return { worker: taken?.worker ?? newWorker(), failed: false };
}

export function useSimulation(): { runText: (text: string) => void; runScenario: (s: Scenario) => void } {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const pending = useRef<Pending | null>(null);
  /** The Worker could not start: every run goes to the main thread from then on. */
  const noWorker = useRef(false);

  const onReply = useCallback((reply: RunReply) => {
    if (reply.id !== seq.current) return; // a newer edit superseded this run
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    const st = useStore.getState();
    if (reply.ok) {
      st.setParseError(null);
      st.setRun(reply.trace, reply.scenario);
    } else {
      st.setParseError(reply.parseError);
      st.setRunning(false, reply.parseError ? null : reply.message);
    }
  }, []);

  const runHere = useCallback(
    (message: RunRequest) => void import('./runRequest').then((m) => onReply(m.runRequest(message))),
    [onReply],
  );

  const start = useCallback(() => {
    const taken = noWorker.current ? null : takeWorker();
    if (taken?.failed) noWorker.current = true;
    const w = taken?.worker ?? null;
    if (w) {
      let answered = false;
      w.onmessage = (e: MessageEvent<WireReply>) => {
        answered = true;
        onReply(fromWire(e.data));
      };
      // A Worker whose script may not load (a browser refusing it, a failed request) says so only with an
      // error event, before it ever answers: run on the main thread instead of waiting for the timeout.
      w.onerror = (e) => {
        if (answered || worker.current !== w) return;
        e.preventDefault();
        noWorker.current = true;
        w.terminate();
        worker.current = null;
        if (pending.current) runHere(pending.current.message);
      };
    }
    worker.current = w;
  }, [onReply, runHere]);

  useEffect(() => {
    start();
    return () => worker.current?.terminate();
  }, [start]);

  const post = useCallback(
    (req: Omit<RunRequest, 'id'> & ({ text: string } | { scenario: Scenario })) => {
      const id = ++seq.current;
      const message = { ...req, id };
      useStore.getState().setRunning(true);
      if (pending.current) clearTimeout(pending.current.timer);
      const timer = setTimeout(() => {
        worker.current?.terminate();
        start();
        useStore
          .getState()
          .setRunning(
            false,
            'The simulation took too long and was stopped; the last good run stays on screen.',
          );
      }, TIMEOUT_MS);
      pending.current = { id, timer, message };
      if (worker.current) worker.current.postMessage(message);
      else runHere(message);
    },
    [runHere, start],
  );

  return {
    runText: useCallback((text: string) => post({ text }), [post]),
    runScenario: useCallback((scenario: Scenario) => post({ scenario }), [post]),
  };
}
