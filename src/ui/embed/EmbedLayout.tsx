// Embed mode (?embed=1): the diagram, the player's controls and the narration, stacked, from 480 px up.
// No editor, log or header: the embedding page supplies the context, and may drive the player
// through postMessage (useEmbedApi.ts).
import type { ReactNode } from 'react';
import type { Trace, TraceMessage, Lane } from '../../sim/trace/types';
import type { KubeObject } from '../../sim/scenario';
import { useStore } from '../store';
import { Controls } from '../Controls';
import { Narration } from '../Narration';
import { Stage } from '../Stage';

export interface EmbedLayoutProps {
  trace: Trace | null;
  delivered: number;
  message: TraceMessage | null;
  pod: KubeObject | null | undefined;
  canDelete: boolean;
  onDeletePod: () => void;
  lanes: readonly Lane[] | null;
  /** A message to show above the player (a share link that could not be opened). */
  alert: ReactNode;
}

export function EmbedLayout(props: EmbedLayoutProps) {
  const { trace, delivered, message, pod, lanes } = props;
  return (
    <div className="pw-app pw-embed">
      <main className="pw-embed-main">
        <h1 className="pw-visually-hidden">Podwalk</h1>
        {props.alert}
        <section className="pw-stage pw-embed-stage" aria-label="Player">
          {trace ? (
            <Stage trace={trace} lanes={lanes} onSelect={(seq) => useStore.getState().seek(seq)} />
          ) : (
            <div className="pw-loading">Simulating…</div>
          )}
          <Controls onDeletePod={props.onDeletePod} canDelete={props.canDelete} />
        </section>
        <Narration trace={trace} message={message} delivered={delivered} pod={pod} />
      </main>
    </div>
  );
}
