// What every machine may ask of its host: the virtual time. Passed in through input, never read from
// a global, so a run in a Worker, in Node and in a test behaves the same.
export interface SimEnv {
  now(): number;
}
