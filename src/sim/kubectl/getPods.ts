// `kubectl get pod` and `kubectl get pod -w`: printPod's cells laid out by kubectl's tabwriter
// (minwidth 6, padding 3). In watch mode one writer with RememberWidths lives for the whole command and is
// flushed after every event, which gives the familiar "staircase".
// upstream: pkg/printers/internalversion/printers.go printPod; staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go;
// staging/src/k8s.io/kubectl/pkg/cmd/get/get.go watch
import type { Pod } from 'kubernetes-types/core/v1';
import { podColumns, restartsCell } from './podColumns';
import { createRememberingTabwriter, tabwrite, type Row, type TabwriterOptions } from './tabwriter';
import { ageSince } from './time';

/** kubectl's table writer settings. upstream: cli-runtime/pkg/printers/tabwriter.go GetNewTabWriter */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };

const HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] as const;
const WIDE_HEADER = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] as const;

export interface GetPodOptions {
  /** `-o wide`: adds IP, NODE, NOMINATED NODE, READINESS GATES. */
  wide?: boolean;
}

export function podTableHeader(options: GetPodOptions = {}): string[] {
  return options.wide ? [...HEADER, ...WIDE_HEADER] : [...HEADER];
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True');
  return `${passed.length}/${gates.length}`;
}

function wideCells(pod: Pod): string[] {
  return [
    pod.status?.podIPs?.[0]?.ip || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    readinessGates(pod),
  ];
}

/** The cells printPod produces for one pod at virtual time `nowMs`. */
export function podTableRow(pod: Pod, nowMs: number, options: GetPodOptions = {}): string[] {
  const c = podColumns(pod);
  const cells = [
    pod.metadata?.name ?? '',
    `${c.ready}/${c.total}`,
    c.status,
    restartsCell(c, nowMs),
    ageSince(pod.metadata?.creationTimestamp, nowMs),
  ];
  return options.wide ? [...cells, ...wideCells(pod)] : cells;
}

function storageOrder(a: Pod, b: Pod): number {
  const key = (p: Pod): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * The stdout of `kubectl get pod` (header and one row per pod, each line ending in a newline), or '' when there
 * are no pods (kubectl then only writes `No resources found in <ns> namespace.` to stderr).
 */
export function getPodTable(pods: readonly Pod[], nowMs: number, options: GetPodOptions = {}): string {
  if (pods.length === 0) return '';
  // The apiserver lists in etcd key order, which is namespace/name.
  const rows: Row[] = [
    podTableHeader(options),
    ...[...pods].sort(storageOrder).map((p) => podTableRow(p, nowMs, options)),
  ];
  return tabwrite(rows, GET_TABWRITER).join('\n') + '\n';
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchPrinterOptions extends GetPodOptions {
  /** `--output-watch-events`: an EVENT column first. */
  outputWatchEvents?: boolean;
}

export interface WatchPrinter {
  /** The lines printed for one watch event (the first call also prints the header). */
  print(eventType: WatchEventType, pod: Pod, nowMs: number): string[];
}

/** `kubectl get pod -w`: one row per watch event, header with the first row, widths that never shrink. */
export function createWatchPrinter(options: WatchPrinterOptions = {}): WatchPrinter {
  const writer = createRememberingTabwriter(GET_TABWRITER);
  let headerPrinted = false;
  const withEvent = (first: string, cells: string[]): string[] =>
    options.outputWatchEvents ? [first, ...cells] : cells;
  return {
    print(eventType, pod, nowMs) {
      const rows: Row[] = [];
      if (!headerPrinted) rows.push(withEvent('EVENT', podTableHeader(options)));
      headerPrinted = true;
      rows.push(withEvent(eventType, podTableRow(pod, nowMs, options)));
      return writer.flush(rows);
    },
  };
}
