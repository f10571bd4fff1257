// The Scheduling panel: for the scheduling cycle at or before the playhead, one table row per examined
// node with its Filter verdict (plugin and verbatim reasons) and, once scored, each plugin's weighted
// score and the total; the selected node is marked in words, not by colour alone.
import { memo, useMemo } from 'react';
import { cycleAt } from '../../sim/scheduler/decisions';
import { mainPod } from '../../sim/trace/at';
import type { Trace } from '../../sim/trace/types';
import { formatCount, schedulingView, shortPluginName, type PanelView, type RowView } from './viewModel';
import './scheduling.css';
import { queueCountsAt, queueSegments, truncate, type QueueName } from '../../diagram';

export interface SchedulingPanelProps {
  trace: Trace;
  delivered: number;
}

const PENDING = '…';

function FilterCell({ row }: { row: RowView }) {
  if (row.filter === 'pending') return <td className="pw-sched-pending">{PENDING}</td>;
  if (row.filter === 'feasible') return <td className="pw-sched-ok">✓ feasible</td>;
  return (
    <td className="pw-sched-rejected">
      <span title={row.code ?? undefined}>
        ✗ <span className="pw-sched-plugin">{row.plugin ?? 'Filter'}</span>: {row.reasons}
      </span>
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
}

/** Rows are rebuilt at every step; only the ones whose verdict or score changed re-render. */
const sameRow = (a: RowProps, b: RowProps): boolean =>
  a.columns === b.columns &&
  a.row.filter === b.row.filter &&
  a.row.scoring === b.row.scoring &&
  a.row.total === b.row.total &&
  a.row.selected === b.row.selected &&
  a.row.tied === b.row.tied &&
  a.row.scores?.length === b.row.scores?.length;

const Row = memo(function Row({ row, columns }: RowProps) {
  const cls = row.selected ? 'pw-sched-row pw-sched-selected' : 'pw-sched-row';
  const scoreText = row.scoring === 'pending' ? PENDING : '';
  return (
    <tr className={cls}>
      <NodeCell row={row} />
      <FilterCell row={row} />
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

function Table({ view }: { view: PanelView }) {
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
            <Row key={r.node} row={r} columns={columns} />
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

export function SchedulingPanel({ trace, delivered }: SchedulingPanelProps) {
  const pod = useMemo(() => mainPod(trace), [trace]);
  const cycle = useMemo(() => (pod ? cycleAt(trace, delivered, pod) : null), [trace, delivered, pod]);
  const view = useMemo(() => (cycle ? schedulingView(cycle, delivered) : null), [cycle, delivered]);
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
          {view.message ? (
            <p className="pw-sched-message" role="note" aria-label="FailedScheduling message">
              <span className="pw-sched-plugin">FailedScheduling</span> {view.message}
            </p>
          ) : null}
          <Table view={view} />
          <Footnotes view={view} />
        </>
      )}
    </section>
  );
}
