// Plain words for the machines' state values, for the lifeline heads (UI.md: heads show `idle`,
// `binding`, `syncing pod`, …). Presentation only: the trace keeps the raw XState value, which the head
// still shows in its tooltip and accessible name. stateWords.test.ts checks that every state of every
// machine has a word here, so a new state without one fails.

// At most 16 characters each: that is what a lifeline head shows at 1280 px before it truncates.
const WORDS: Record<string, string> = {
  // shared
  idle: 'idle',
  starting: 'starting',
  running: 'running',
  serving: 'serving',
  ready: 'ready',
  done: 'done',
  exited: 'exited',
  off: 'off',
  // kube-apiserver
  handling: 'handling request',
  // kube-scheduler
  queueing: 'queueing pod',
  preFiltering: 'prefiltering',
  filtering: 'filtering nodes',
  scoring: 'scoring nodes',
  selecting: 'selecting node',
  binding: 'binding',
  deciding: 'deciding',
  // kubectl
  getting: 'reading',
  creating: 'creating',
  deleting: 'deleting',
  waiting: 'waiting',
  scaleGetting: 'reading scale',
  scaling: 'scaling',
  patching: 'patching',
  dispatching: 'running command',
  applying: 'applying',
  // kubelet and its pod workers
  watching: 'watching pods',
  syncing: 'syncing pod',
  sync: 'syncing pod',
  creatingSandbox: 'creating sandbox',
  sandboxBackOff: 'sandbox back-off',
  sandboxStatus: 'checking sandbox',
  checkingImage: 'checking image',
  pullingImage: 'pulling image',
  creatingContainer: 'making container',
  startingContainer: 'starting process',
  awaitingRelist: 'awaiting relist',
  relisting: 'relisting',
  terminating: 'terminating pod',
  stoppingSandbox: 'stopping sandbox',
  reportingTerminal: 'reporting status',
  deletingObject: 'deleting pod',
  awaitingGc: 'awaiting cleanup',
  removingContainers: 'cleaning up',
  removingSandbox: 'removing sandbox',
  terminated: 'terminated',
  killingUnhealthy: 'liveness restart',
  // containerd and CRI-O: the CRI call in hand
  RunPodSandbox: 'creating sandbox',
  CreateContainer: 'making container',
  StartContainer: 'starting process',
  StopContainer: 'stopping process',
  StopPodSandbox: 'stopping sandbox',
  RemoveContainer: 'cleaning up',
  RemovePodSandbox: 'removing sandbox',
  CheckpointContainer: 'checkpointing',
  PodSandboxStatus: 'checking sandbox',
  ImageStatus: 'checking image',
  PullImage: 'pulling image',
  ContainerStatus: 'reporting status',
  ExecSync: 'running probe',
  // runc (the container's state)
  initializing: 'initializing',
  created: 'created',
  signalled: 'signalled',
  stopped: 'stopped',
  deleted: 'deleted',
  checkpointing: 'checkpointing',
  checkpointingPaused: 'checkpointing',
  pausing: 'pausing',
  paused: 'paused',
  resuming: 'resuming',
  signalledPaused: 'signal pending',
  // Kata Containers, conmon
  destroyed: 'destroyed',
  booting: 'booting VM',
  wiring: 'wiring VM',
  stopping: 'stopping',
  monitoring: 'monitoring',
  // the operator at a node's shell
  atShell: 'at the shell',
};

/** The plain words for a state value; nested values (`a.b`) use their innermost state. Unknown: raw. */
export function stateWords(state: string): string {
  if (WORDS[state] !== undefined) return WORDS[state];
  const inner = state.split(',')[0]?.split('.').pop() ?? state;
  return WORDS[inner] ?? state;
}

/** True when the map has a word for this state value (for the completeness test). */
export function hasStateWords(state: string): boolean {
  return Object.hasOwn(WORDS, state);
}
