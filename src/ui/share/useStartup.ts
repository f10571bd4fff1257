// Opens the page at its start state (startState.ts) and again whenever a share link is pasted into the
// address of an open page (hashchange). The step is applied once the run that reproduces the sender's
// state is on screen: when the link carries a seed or actions that differ from what the text gives
// (a Delete pod intervention), the text's run is re-run with them first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import { firstSeqOfActivity } from '../../sim/trace/at';
import type { Action, Scenario } from '../../sim/scenario';
import type { UrlRequest } from '../urlState';
import type { StartState } from './startState';
import { resolvePageStart } from './pageStart';
import { withManifestFile } from '../../scenario/manifestFile';

interface Pending {
  step: number | null;
  activity: number | null;
  seed: number | null;
  actions: Action[] | null;
}

export interface Startup {
  /** Why a link could not be opened; null when it could, or there was none. */
  shareError: string | null;
  dismissShareError: () => void;
  /** The user took over (edited, loaded something else): forget the start position. */
  cancel: () => void;
}

interface Sim {
  runText: (text: string) => void;
  runScenario: (s: Scenario) => void;
}

function override(scenario: Scenario, p: Pending): Scenario | null {
  const seed = p.seed ?? scenario.seed;
  const actions = p.actions ?? scenario.actions;
  if (seed === scenario.seed && JSON.stringify(actions) === JSON.stringify(scenario.actions)) return null;
  // A link's actions may name the file as older releases did (pod.yaml): the file's name follows them.
  return withManifestFile({ ...scenario, seed, actions });
}

/** Loads the start state on mount and on hashchange; returns why a link failed, if it did. */
function useStartLoader(
  url: UrlRequest,
  runText: (text: string) => void,
  pending: { current: Pending | null },
) {
  const [shareError, setShareError] = useState<string | null>(null);
  const apply = useCallback(
    (s: StartState) => {
      const st = useStore.getState();
      st.restart();
      st.setText(s.text);
      if (s.speed !== null) st.setSpeed(s.speed);
      pending.current = { step: s.step, activity: s.activity, seed: s.seed, actions: s.actions };
      setShareError(s.error);
      runText(s.text);
    },
    [runText, pending],
  );
  useEffect(() => {
    let generation = 0;
    const load = () => {
      const mine = ++generation;
      void resolvePageStart(url).then((s) => {
        if (mine === generation) apply(s);
      });
    };
    load();
    const onHash = () => {
      if (window.location.hash.length > 1) load();
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      generation = -1;
      window.removeEventListener('hashchange', onHash);
    };
  }, [url, apply]);
  return [shareError, setShareError] as const;
}

/** The first run that reproduces the start state opens at its step (or activity), and may autoplay. */
function useStartPosition(sim: Sim, pending: { current: Pending | null }, autoplay: boolean): void {
  const trace = useStore((s) => s.trace);
  const { runScenario } = sim;
  useEffect(() => {
    const p = pending.current;
    const scenario = useStore.getState().scenario;
    if (!trace || !p || !scenario) return;
    const rerun = override(scenario, p);
    pending.current = { ...p, seed: null, actions: null };
    if (rerun) {
      runScenario(rerun);
      return;
    }
    pending.current = null;
    const seq = p.activity !== null ? firstSeqOfActivity(trace, p.activity) : p.step;
    if (seq !== null) useStore.getState().seek(seq);
    if (autoplay) useStore.getState().play();
  }, [trace, runScenario, pending, autoplay]);
}

export function useStartup(url: UrlRequest, sim: Sim, opts: { autoplay: boolean }): Startup {
  const pending = useRef<Pending | null>(null);
  const [shareError, setShareError] = useStartLoader(url, sim.runText, pending);
  useStartPosition(sim, pending, opts.autoplay);
  return {
    shareError,
    dismissShareError: useCallback(() => setShareError(null), [setShareError]),
    cancel: useCallback(() => {
      pending.current = null;
    }, []),
  };
}
