// Wires the postMessage protocol (messageApi.ts) to the player: commands from the parent window move the
// playhead or load a text; events tell the parent when the step or the pod's STATUS changes.
import { useEffect } from 'react';
import { useStore, type Store } from '../store';
import { mainPod, podObjectAt } from '../../sim/trace/at';
import type { Trace } from '../../sim/trace/types';
import { podStatusText } from '../PodStatus';
import { acceptsMessage, eventTargets, parseCommand, type EmbedCommand, type EmbedEvent } from './messageApi';

export interface EmbedApiOptions {
  /** Off outside embed mode: the full page takes no commands. */
  enabled: boolean;
  origins: readonly string[] | null;
  load: (text: string) => void;
}

function obey(cmd: EmbedCommand, load: (text: string) => void): void {
  const s = useStore.getState();
  if (cmd.type === 'podwalk:play') s.play();
  else if (cmd.type === 'podwalk:pause') s.pause();
  else if (cmd.type === 'podwalk:step') s.stepForward();
  else if (cmd.type === 'podwalk:back') s.stepBack();
  else if (cmd.type === 'podwalk:seek') s.seek(cmd.step);
  else load(cmd.text);
}

function statusAt(trace: Trace, step: number): string {
  const key = mainPod(trace);
  return podStatusText(key ? podObjectAt(trace, step, key) : undefined);
}

/** Calls `post` with a step event when the step, the total or the run changes, a status event when the status does. */
function eventSource(post: (e: EmbedEvent) => void): (s: Store) => void {
  let trace: Trace | null = null;
  let step = -1;
  let total = -1;
  let status = '';
  return (s) => {
    const now = Math.floor(s.playhead);
    const n = s.trace?.messages.length ?? 0;
    if (!s.trace || (s.trace === trace && now === step && n === total)) return;
    trace = s.trace;
    step = now;
    total = n;
    const activity = s.trace.messages[now - 1]?.activity ?? null;
    post({ type: 'podwalk:step', step: now, total: n, activity });
    const next = statusAt(s.trace, now);
    if (next !== status) post({ type: 'podwalk:status', status: next });
    status = next;
  };
}

export function useEmbedApi({ enabled, origins, load }: EmbedApiOptions): void {
  useEffect(() => {
    if (!enabled || window.parent === window) return;
    const onMessage = (e: MessageEvent) => {
      if (!acceptsMessage(e.source, e.origin, window.parent, window, origins)) return;
      const cmd = parseCommand(e.data);
      if (cmd) obey(cmd, load);
    };
    const targets = eventTargets(origins);
    const post = (event: EmbedEvent) => {
      for (const origin of targets) window.parent.postMessage(event, origin);
    };
    const emit = eventSource(post);
    window.addEventListener('message', onMessage);
    emit(useStore.getState());
    const unsubscribe = useStore.subscribe(emit);
    return () => {
      window.removeEventListener('message', onMessage);
      unsubscribe();
    };
  }, [enabled, origins, load]);
}
