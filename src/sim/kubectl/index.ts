// kubectl's human-readable output (get, get -w, describe, get events) over stored Pod and Event objects.
export { humanDuration, ageSince, parseTimestamp, rfc1123z } from './time';
export {
  tabwrite,
  tabwriteText,
  createRememberingTabwriter,
  type Row,
  type TabwriterOptions,
} from './tabwriter';
export {
  podColumns,
  podStatusColumn,
  podReadyColumn,
  podRestartsColumn,
  type PodColumns,
} from './podColumns';
export {
  getPodTable,
  podTableHeader,
  podTableRow,
  createWatchPrinter,
  type GetPodOptions,
  type WatchEventType,
  type WatchPrinter,
  type WatchPrinterOptions,
} from './getPods';
export { describePod } from './describePod';
export { eventView, eventsForPod, formatEventsTable, type AnyEvent, type EventView } from './events';
export { describeDeployment, getDeploymentTable, getReplicaSetTable } from './workloads';
