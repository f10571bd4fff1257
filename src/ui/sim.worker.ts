// Parsing and simulating run here, off the main thread, so no input can freeze the page.
import { runRequest, type RunRequest } from './runRequest';

self.onmessage = (e: MessageEvent<RunRequest>) => {
  self.postMessage(runRequest(e.data));
};
