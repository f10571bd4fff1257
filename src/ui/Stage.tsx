// The hero: the sequence diagram at the playhead, sized to its container.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutSequence, SequenceDiagram, type LaneHeads } from '../diagram';
import { LANES, type Lane, type Trace } from '../sim/trace/types';
import { headsAt } from '../sim/trace/at';
import { useStore } from './store';
import { defaultPodFilter, workloadPods } from './podFilter';

/** At rest on step s, message s is shown as arrived (the diagram's playhead s would show s+1 leaving). */
export function diagramPlayhead(playhead: number): number {
  return playhead > 0 && Number.isInteger(playhead) ? playhead - 1e-6 : playhead;
}

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(760);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 760);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export interface StageProps {
  trace: Trace;
  onSelect: (seq: number) => void;
  /** A subset of lifelines to draw (embeds' ?lanes=); all when absent. */
  lanes?: readonly Lane[] | null;
}

/** "Show pod: all | <pod>", for runs where a controller made several pods. */
function PodFilter(props: { pods: string[]; value: string | null; onChange: (p: string | null) => void }) {
  const { pods, value, onChange } = props;
  return (
    <div className="pw-podfilter">
      <label>
        Show pod{' '}
        <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">all {pods.length} pods</option>
          {pods.map((p) => (
            <option key={p} value={p}>
              {p.split('/')[1]}
            </option>
          ))}
        </select>
      </label>
      {value ? (
        <span className="pw-podfilter-note">
          The other {pods.length - 1} pods repeat the same exchanges; the Activity log lists every message.
        </span>
      ) : null}
    </div>
  );
}

function usePodFilter(trace: Trace): [string[], string | null, (p: string | null) => void] {
  const pods = useMemo(() => workloadPods(trace), [trace]);
  const [pod, setPod] = useState<string | null>(() => defaultPodFilter(pods));
  useEffect(() => setPod(defaultPodFilter(pods)), [pods]);
  return [pods, pods.includes(pod ?? '') ? pod : null, setPod];
}

export function Stage({ trace, onSelect, lanes }: StageProps) {
  // The fractional playhead changes every animation frame: only the Stage subscribes to it, so the rest of
  // the page re-renders once per message, not 60 times a second.
  const playhead = useStore((s) => s.playhead);
  const [ref, width] = useWidth();
  const [pods, pod, setPod] = usePodFilter(trace);
  const layout = useMemo(
    () => layoutSequence(trace, { width, pod, ...(lanes ? { lanes } : {}) }),
    [trace, width, lanes, pod],
  );
  const delivered = Math.floor(playhead);
  const heads = useMemo(() => {
    const h = headsAt(trace, delivered);
    const out: LaneHeads = {};
    for (const lane of LANES) out[lane] = { name: lane, sub: h[lane].sub, state: h[lane].state };
    return out;
  }, [trace, delivered]);
  return (
    <div className="pw-stage-diagram" ref={ref}>
      {pods.length > 1 ? <PodFilter pods={pods} value={pod} onChange={setPod} /> : null}
      <SequenceDiagram
        trace={trace}
        layout={layout}
        playhead={diagramPlayhead(playhead)}
        heads={heads}
        onSelect={onSelect}
      />
    </div>
  );
}
