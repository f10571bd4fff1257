// Parsing and simulating run here, off the main thread, so no input can freeze the page. The trace
// travels as JSON text (see toWire).
import { runRequest, type RunRequest } from './runRequest';
import { toWire } from './simWire';

self.onmessage = (e: MessageEvent<RunRequest>) => {
  self.postMessage(toWire(runRequest(e.data)));
};
