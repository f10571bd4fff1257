// A pod plus a Scenario document that only applies it: for pods that never settle (crash loops, failing
// probes), which the default "delete once Running" timeline would cut short.
export function applyOnlyPod(name: string, spec: string, horizon: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: ${name}
spec:
  horizon: ${horizon}
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
`;
}
