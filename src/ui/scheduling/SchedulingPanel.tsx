// The Scheduling panel: for the scheduling cycle at or before the playhead, one table row per examined
// node with its Filter verdict (plugin and verbatim reasons) and, once scored, each plugin's weighted
// score and the total; the selected node is marked in words, not by colour alone.
import { memo, useCallback, useMemo, useState } from 'react';
import { cycleAt } from '../../sim/scheduler/decisions';
import type { Fix } from '../../sim/scheduler/fixes';
import { useStore } from '../store';
import { applyFix } from './applyFix';
import { cycleFixes, cycleRequests, pendingSentence } from './whyPending';
import { mainPod } from '../../sim/trace/at';
import type { Trace } from '../../sim/trace/types';
import {
  formatCount,
  MAX_ROWS,
  schedulingView,
  shortPluginName,
  type PanelView,
  type RowView,
} from './viewModel';
import './scheduling.css';
import { queueCountsAt, queueSegments, truncate, type QueueName } from '../../diagram';

export interface SchedulingPanelProps {
  trace: Trace;
  delivered: number;
  /** Takes an edited manifest text, as the editor does (saved, then run again); absent: no Apply buttons. */
  onEdit?: (text: string) => void;
}

type OnApply = ((fix: Fix) => void) | null;

/** The smallest change per failing plugin; a button when it is one edit to make, else the words. */
function Fixes({ fixes, onApply }: { fixes: readonly Fix[]; onApply: OnApply }) {
  if (fixes.length === 0) return null;
  return (
    <ul className="pw-sched-fixes" aria-label="Smallest changes">
      {fixes.map((f) => (
        <li key={f.plugin}>
          {f.edits.length > 0 && onApply ? (
            <button type="button" className="pw-sched-fix" onClick={() => onApply(f)}>
              Apply: {f.text}
            </button>
          ) : (
            <span className="pw-sched-fix-text">
              {f.edits.length > 0 ? '' : `${f.plugin}: `}
              {f.text}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

const PENDING = '…';

function FilterCell({ row, fixes, onApply }: { row: RowView; fixes: readonly Fix[]; onApply: OnApply }) {
  if (row.filter === 'pending') return <td className="pw-sched-pending">{PENDING}</td>;
  if (row.filter === 'feasible') return <td className="pw-sched-ok">✓ feasible</td>;
  return (
    <td className="pw-sched-rejected">
      <span title={row.code ?? undefined}>
        ✗ <span className="pw-sched-plugin">{row.plugin ?? 'Filter'}</span>: {row.reasons}
      </span>
      <Fixes fixes={fixes} onApply={onApply} />
    </td>
  );
}

function NodeCell({ row }: { row: RowView }) {
  const mark = row.selected ? (row.tied ? 'selected (tie, seeded pick)' : 'selected') : row.tied ? 'tie' : '';
  return (
    <th scope="row" className="pw-sched-node">
      {row.node}
      {mark ? <span className="pw-sched-mark"> {mark}</span> : null}
    </th>
  );
}

interface RowProps {
  row: RowView;
  columns: number;
  fixes: readonly Fix[];
  onApply: OnApply;
}

const NO_FIXES: readonly Fix[] = [];
const NO_FIX_MAP = new Map<string, Fix[]>();
/** Up to this many rejected nodes, a Pending pod's suggestions show without being asked for. */
const FIXES_OPEN_UP_TO = 12;

/** Rows are rebuilt at every step; only the ones whose verdict or score changed re-render. */
const sameRow = (a: RowProps, b: RowProps): boolean =>
  a.columns === b.columns &&
  a.row.filter === b.row.filter &&
  a.row.scoring === b.row.scoring &&
  a.row.total === b.row.total &&
  a.row.selected === b.row.selected &&
  a.row.tied === b.row.tied &&
  a.row.scores?.length === b.row.scores?.length &&
  a.fixes === b.fixes &&
  a.onApply === b.onApply;

const Row = memo(function Row({ row, columns, fixes, onApply }: RowProps) {
  const cls = row.selected ? 'pw-sched-row pw-sched-selected' : 'pw-sched-row';
  const scoreText = row.scoring === 'pending' ? PENDING : '';
  return (
    <tr className={cls}>
      <NodeCell row={row} />
      <FilterCell row={row} fixes={fixes} onApply={onApply} />
      {Array.from({ length: columns }, (_, i) => {
        const cell = row.scores?.[i] ?? null;
        return (
          <td key={i} className="pw-sched-num" title={cell?.detail}>
            {cell ? cell.weighted : scoreText}
          </td>
        );
      })}
      {columns > 0 ? <td className="pw-sched-num pw-sched-total">{row.total ?? scoreText}</td> : null}
    </tr>
  );
}, sameRow);

function Summary({ view }: { view: PanelView }) {
  const { phase, examined } = view;
  const line =
    phase === 'filtering'
      ? `Filter: ${formatCount(examined.done)} of ${formatCount(examined.of)} nodes examined`
      : phase === 'scoring'
        ? 'Score: feasible nodes being scored'
        : phase === 'scheduled'
          ? `Selected ${view.selected ?? ''}` +
            (view.tiedWith.length > 1
              ? ` (tie among ${view.tiedWith.join(', ')}, seeded pick)`
              : view.scoringSkipped
                ? ': the only feasible node, so scoring was skipped'
                : ': the highest total')
          : view.preemption
            ? `No node fits. DefaultPreemption nominates ${view.preemption.node} and deletes ${view.preemption.pods.join(', ')}; the pod is tried there again once ${view.preemption.pods.length === 1 ? 'that victim is' : 'the victims are'} gone`
            : 'No node fits: the pod stays Pending';
  return <p className="pw-sched-summary">{line}</p>;
}

function PreFilter({ view }: { view: PanelView }) {
  if (view.preFilter.length === 0) return null;
  return (
    <dl className="pw-sched-prefilter" aria-label="PreFilter results">
      {view.preFilter.map((p) => (
        <div key={p.plugin}>
          <dt>{p.plugin}</dt>
          <dd>{p.result}</dd>
        </div>
      ))}
    </dl>
  );
}

interface TableProps {
  view: PanelView;
  fixes: Map<string, Fix[]>;
  onApply: OnApply;
}

function Table({ view, fixes, onApply }: TableProps) {
  const columns = view.scorePlugins.length;
  return (
    <div className="pw-sched-scroll" tabIndex={0} role="region" aria-label="Scheduling table">
      <table className="pw-sched-table">
        <caption>Scheduling: {view.pod}</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Filter</th>
            {view.scorePlugins.map((p) => (
              <th scope="col" key={p} title={p}>
                <span aria-hidden="true">{shortPluginName(p)}</span>
                <span className="pw-sched-sr">{p}</span>
              </th>
            ))}
            {columns > 0 ? <th scope="col">Total</th> : null}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <Row
              key={r.node}
              row={r}
              columns={columns}
              fixes={fixes.get(r.node) ?? NO_FIXES}
              onApply={onApply}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Legend({ plugins }: { plugins: string[] }) {
  if (plugins.length === 0) return null;
  return (
    <p className="pw-sched-note pw-sched-legend" aria-hidden="true">
      Weighted scores:{' '}
      {plugins.map((p, i) => (
        <span key={p}>
          {i > 0 ? ' · ' : ''}
          <b>{shortPluginName(p)}</b> {p}
        </span>
      ))}
    </p>
  );
}

function Footnotes({ view }: { view: PanelView }) {
  return (
    <>
      <Legend plugins={view.scorePlugins} />
      {view.hiddenRows > 0 ? (
        <p className="pw-sched-note">{formatCount(view.hiddenRows)} more examined nodes not listed</p>
      ) : null}
      {view.notExamined ? (
        <p className="pw-sched-note">
          {formatCount(view.notExamined.count)} {view.notExamined.count === 1 ? 'node' : 'nodes'} not
          examined: {view.notExamined.reason}
        </p>
      ) : null}
    </>
  );
}

const QUEUES: readonly QueueName[] = ['activeQ', 'in cycle', 'backoffQ', 'unschedulablePods'];

/**
 * The scheduling queue's parts, as counts at the playhead, with what last moved a pod. The swatches are
 * the legend of the band drawn down the kube-scheduler lifeline.
 */
function Queue({ trace, delivered }: SchedulingPanelProps) {
  const segments = useMemo(() => queueSegments(trace), [trace]);
  const last = segments.findLast((s) => s.fromSeq <= delivered);
  if (!last) return null;
  const counts = queueCountsAt(segments, delivered);
  const moved = trace.messages[last.fromSeq - 1];
  return (
    <p className="pw-sched-queue" aria-label="Scheduling queue">
      {QUEUES.map((name, i) => (
        <span key={name} className="pw-sched-queue-part">
          {i > 0 ? ' · ' : null}
          <span className={`pw-sched-swatch pw-sched-swatch-${name.replace(' ', '-')}`} aria-hidden="true" />
          {name} {counts[name]}
        </span>
      ))}
      {moved ? (
        <span className="pw-sched-queue-last">
          {' '}
          (step {moved.seq}: {truncate(moved.label, 60)})
        </span>
      ) : null}
    </p>
  );
}

/** "Why Pending" in plain words, above the table, once the cycle has failed. */
function WhyPending({ sentence, fixable }: { sentence: string | null; fixable: boolean }) {
  if (sentence === null) return null;
  return (
    <div className="pw-sched-why" role="note" aria-label="Why Pending">
      <h3 className="pw-sched-why-title">Why Pending</h3>
      <p>{sentence}</p>
      {fixable ? (
        <p className="pw-sched-note">
          Under each rejected node below: the smallest change that lets the pod on. Apply one to edit the
          manifest.
        </p>
      ) : null}
    </div>
  );
}

/** Applies a suggestion to the editor's text and hands it on as an edit; says what happened. */
function useApply(pod: string | null, onEdit: SchedulingPanelProps['onEdit']) {
  const [note, setNote] = useState<string | null>(null);
  const apply = useCallback(
    (fix: Fix) => {
      if (!pod || !onEdit) return;
      const r = applyFix(useStore.getState().text, fix, pod);
      if (!r.ok) return setNote(`Could not apply “${fix.text}”: ${r.message}.`);
      setNote(`Applied “${fix.text}” to the manifest; the walk runs again.`);
      onEdit(r.text);
    },
    [pod, onEdit],
  );
  return { note, apply: onEdit ? apply : null };
}

export function SchedulingPanel({ trace, delivered, onEdit }: SchedulingPanelProps) {
  const pod = useMemo(() => mainPod(trace), [trace]);
  const cycle = useMemo(() => (pod ? cycleAt(trace, delivered, pod) : null), [trace, delivered, pod]);
  const view = useMemo(() => (cycle ? schedulingView(cycle, delivered) : null), [cycle, delivered]);
  // One computation per cycle (not per step): cycleAt at the cycle's own start gives the same cycle.
  const cycleSeq = cycle?.preFilterSeq ?? null;
  const cycleStart = useMemo(
    () => (pod && cycleSeq !== null ? cycleAt(trace, cycleSeq, pod) : null),
    [trace, pod, cycleSeq],
  );
  const requests = useMemo(() => (cycleStart ? cycleRequests(trace, cycleStart) : {}), [trace, cycleStart]);
  const sentence = cycle ? pendingSentence(cycle, delivered, requests) : null;
  const { note, apply } = useApply(pod, onEdit);
  const rejected = useMemo(() => cycleStart?.filters.filter((f) => !f.feasible).length ?? 0, [cycleStart]);
  const [shown, setShown] = useState<boolean | null>(null);
  // Open by default only for a Pending pod with few rejected nodes; a long list waits to be asked for.
  const showFixes = shown ?? (sentence !== null && rejected <= FIXES_OPEN_UP_TO);
  // Worked out only when shown, and only for the rows the table lists.
  const fixes = useMemo(
    () => (showFixes && cycleStart ? cycleFixes(trace, cycleStart, MAX_ROWS) : NO_FIX_MAP),
    [trace, cycleStart, showFixes],
  );
  return (
    <section className="pw-sched" aria-label="Scheduling">
      <h2 className="pw-sched-title">Scheduling</h2>
      <Queue trace={trace} delivered={delivered} />
      {view === null ? (
        <p className="pw-sched-summary">
          {pod ? `kube-scheduler has not started a cycle for ${pod} yet.` : 'No pod to schedule.'}
        </p>
      ) : (
        <>
          <PreFilter view={view} />
          <Summary view={view} />
          <WhyPending sentence={sentence} fixable={apply !== null && showFixes && rejected > 0} />
          {view.message ? (
            <p className="pw-sched-message" role="note" aria-label="FailedScheduling message">
              <span className="pw-sched-plugin">FailedScheduling</span> {view.message}
            </p>
          ) : null}
          <div className="pw-sched-fixbar">
            {rejected > 0 ? (
              <button
                type="button"
                className="pw-sched-fix-toggle"
                aria-expanded={showFixes}
                onClick={() => setShown(!showFixes)}
              >
                {showFixes ? 'Hide' : 'Show'} the smallest changes ({formatCount(rejected)} rejected{' '}
                {rejected === 1 ? 'node' : 'nodes'})
              </button>
            ) : null}
            <p className="pw-sched-note" role="status">
              {note}
            </p>
          </div>
          <Table view={view} fixes={fixes} onApply={apply} />
          <Footnotes view={view} />
        </>
      )}
    </section>
  );
}
