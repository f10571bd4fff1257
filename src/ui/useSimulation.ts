// Runs simulations in a Web Worker and feeds the last good trace to the store. A parse error keeps the
// last good trace on screen; a run that does not answer in time is stopped, and the page stays usable.
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from './store';
import type { RunReply, RunRequest } from './runRequest';
import { fromWire, type WireReply } from './simWire';
import type { Scenario } from '../sim/scenario';
import { EARLY_RUN_ID, newSimWorker, takeEarlyWorker, type EarlyRun } from './earlyWorker';

const TIMEOUT_MS = 15_000;

type Pending = { id: number; timer: ReturnType<typeof setTimeout>; message: RunRequest };

/** The early Worker if there is a good one, else a new one; null when Workers cannot start here. */
function takeWorker(): { worker: Worker | null; failed: boolean; run: EarlyRun | null } {
  const taken = takeEarlyWorker();
  if (taken?.failed) {
    taken.worker.terminate();
    return { worker: null, failed: true, run: null };
  }
  return { worker: taken?.worker ?? newSimWorker(), failed: false, run: taken?.run ?? null };
}

export function useSimulation(): { runText: (text: string) => void; runScenario: (s: Scenario) => void } {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const pending = useRef<Pending | null>(null);
  /** The Worker could not start: every run goes to the main thread from then on. */
  const noWorker = useRef(false);
  /** The run the early Worker was given before this hook mounted (earlyWorker.ts), until the first post. */
  const earlyRun = useRef<EarlyRun | null>(null);

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
    earlyRun.current = taken?.run ?? null;
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
      // The page's first request is usually the run the early Worker already has: wait for that one.
      const early = earlyRun.current;
      earlyRun.current = null;
      const adopt = early !== null && worker.current !== null && 'text' in req && req.text === early.text;
      const id = adopt ? (seq.current = EARLY_RUN_ID) : ++seq.current;
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
      if (adopt) {
        early.adopted = true;
        // It may have answered before anyone listened: its reply was kept.
        const reply = early.reply;
        early.reply = null;
        if (reply) onReply(fromWire(reply));
      } else if (worker.current) worker.current.postMessage(message);
      else runHere(message);
    },
    [runHere, start, onReply],
  );

  return {
    runText: useCallback((text: string) => post({ text }), [post]),
    runScenario: useCallback((scenario: Scenario) => post({ scenario }), [post]),
  };
}
