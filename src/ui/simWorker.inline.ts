// The simulation Worker for the offline single-file page: its code travels inside the page and starts
// from a blob: URL (a data: URL where blobs are refused), so nothing is loaded from beside the file.
import InlineSimWorker from './sim.worker.ts?worker&inline';

export function createSimWorker(): Worker {
  return new InlineSimWorker();
}
