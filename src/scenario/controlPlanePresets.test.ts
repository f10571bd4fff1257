import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_PRESETS } from './controlPlanePresets';
import { parseScenario } from './parse';
import { simulate } from '../sim/cluster/simulate';
import type { Scenario } from '../sim/scenario';

// TODO: parse with parseScenario alone once kinds.ts lets these kinds through.
function scenarioOf(id: string): Scenario {
  const text = CONTROL_PLANE_PRESETS.find((p) => p.id === id)!.text;
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

const output = (id: string): string[] =>
  simulate(scenarioOf(id)).terminal.map((l) => `${l.stream}: ${l.text}`);

// Expected lines: lifecycle.md §1.5 and the upstream texts cited in src/sim/admission and apiServer.
describe('control-plane presets print what kubectl prints', () => {
  it('401 without valid credentials asks the user to log in', () => {
    expect(output('unauthorized')).toEqual([
      'stderr: error: You must be logged in to the server (Unauthorized)',
    ]);
  });

  it('403 RBAC lets the impersonated user GET but refuses the POST', () => {
    expect(output('rbac-forbidden')).toEqual([
      'stderr: Error from server (Forbidden): error when creating "pod.yaml": pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default"',
    ]);
  });

  it('403 exceeded quota names the quota and the requested, used and limited amounts', () => {
    expect(output('quota-exceeded')).toEqual([
      'stderr: Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=2, used: requests.cpu=0, limited: requests.cpu=1',
    ]);
  });

  it('422 lists each field error under the invalid Pod', () => {
    expect(output('invalid')).toEqual([
      'stderr: The Pod "Nginx" is invalid: ',
      `stderr: * metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      'stderr: * spec.containers[0].image: Required value',
      'stderr: * spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('400 bad quantity is a decode error quoting the quantity regexp', () => {
    expect(output('bad-quantity')).toEqual([
      `stderr: Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it('409 AlreadyExists answers kubectl create of a running pod', () => {
    expect(output('already-exists')).toEqual([
      'stderr: Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists',
    ]);
  });

  it('PodSecurity restricted lists every violation in check order', () => {
    expect(output('pod-security')).toEqual([
      'stderr: Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('LimitRange defaults are applied and shown in the admission stage, and the pod is created', () => {
    const trace = simulate(scenarioOf('limit-range'));
    expect(trace.terminal.map((l) => l.text)).toEqual(['pod/nginx created']);
    const stage = trace.messages.find((m) => m.label === 'decode, set defaults; mutating admission')!;
    expect(stage.detail.defaulted).toEqual(
      expect.arrayContaining([
        {
          path: 'metadata.annotations[kubernetes.io/limit-ranger]',
          value:
            'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
        },
        {
          path: 'spec.containers[0].resources',
          value: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
        },
        { path: 'spec.containers[0].imagePullPolicy', value: 'IfNotPresent' },
        { path: 'spec.tolerations', value: expect.any(Array) as unknown },
      ]),
    );
  });
});
