// Schema validation of a Pod create, with upstream's field-error texts (lifecycle.md §1.5).
// upstream: pkg/apis/core/validation/validation.go ValidatePodCreate; staging/src/k8s.io/apimachinery/
// pkg/util/validation/validation.go (RegexError, dns1123*ErrMsg)
import type { Container, Pod } from '../../k8s/pod';
import { canonical, nanosOf } from '../../admission/quantityFormat';

export interface FieldError {
  field: string;
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueDuplicate` (details.causes[].reason). */
  reason: string;
  message: string;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
// The two spaces before "or" are upstream's: RegexError appends "', " after each example, then " or ".
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function invalid(field: string, value: string, detail: string): FieldError {
  return {
    field,
    reason: 'FieldValueInvalid',
    message: `${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}

function validateName(name: string): FieldError[] {
  if (name.length > 253) return [invalid('metadata.name', name, 'must be no more than 253 characters')];
  return SUBDOMAIN.test(name) ? [] : [invalid('metadata.name', name, SUBDOMAIN_MSG)];
}

function validateContainerName(name: string, f: string, seen: Set<string>): FieldError[] {
  if (!name)
    return [{ field: `${f}.name`, reason: 'FieldValueRequired', message: `${f}.name: Required value` }];
  if (name.length > 63 || !LABEL.test(name))
    return [invalid(`${f}.name`, name, name.length > 63 ? 'must be no more than 63 characters' : LABEL_MSG)];
  if (!seen.has(name)) return [];
  const message = `${f}.name: Duplicate value: ${JSON.stringify(name)}`;
  return [{ field: `${f}.name`, reason: 'FieldValueDuplicate', message }];
}

function validateContainers(pod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const groups = [
    ['spec.initContainers', pod.spec?.initContainers ?? []],
    ['spec.containers', pod.spec?.containers ?? []],
  ] as const;
  if ((pod.spec?.containers ?? []).length === 0)
    errs.push({
      field: 'spec.containers',
      reason: 'FieldValueRequired',
      message: 'spec.containers: Required value',
    });
  for (const [path, list] of groups) {
    list.forEach((c, i) => {
      const f = `${path}[${i}]`;
      errs.push(...validateContainerName(c.name ?? '', f, seen));
      seen.add(c.name ?? '');
      if (!c.image || !c.image.trim())
        errs.push({
          field: `${f}.image`,
          reason: 'FieldValueRequired',
          message: `${f}.image: Required value`,
        });
      errs.push(...validatePorts(c, f), ...validateResources(c, f));
    });
  }
  return errs;
}

/** upstream: validation.go validateContainerPorts — names unique per container, ports 1–65535 */
function validatePorts(c: Container, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pf = `${f}.ports[${i}]`;
    if (p.name && names.has(p.name))
      errs.push({
        field: `${pf}.name`,
        reason: 'FieldValueDuplicate',
        message: `${pf}.name: Duplicate value: ${JSON.stringify(p.name)}`,
      });
    if (p.name) names.add(p.name);
    const port = p.containerPort;
    if (!port)
      errs.push({
        field: `${pf}.containerPort`,
        reason: 'FieldValueRequired',
        message: `${pf}.containerPort: Required value`,
      });
    else if (port < 1 || port > 65535)
      errs.push({
        field: `${pf}.containerPort`,
        reason: 'FieldValueInvalid',
        message: `${pf}.containerPort: Invalid value: ${port}: must be between 1 and 65535, inclusive`,
      });
  });
  return errs;
}

/** upstream: validation.go ValidateResourceRequirements — "must be less than or equal to %s limit of %s" */
function validateResources(c: Container, f: string): FieldError[] {
  const requests = (c.resources?.requests ?? {}) as Record<string, string | number>;
  const limits = (c.resources?.limits ?? {}) as Record<string, string | number>;
  const field = `${f}.resources.requests`;
  return Object.keys(requests)
    .sort()
    .filter((r) => limits[r] !== undefined && nanosOf(requests[r]) > nanosOf(limits[r]))
    .map((r) =>
      invalid(
        field,
        canonical(requests[r]!),
        `must be less than or equal to ${r} limit of ${canonical(limits[r]!)}`,
      ),
    );
}

export function validatePodCreate(pod: Pod): FieldError[] {
  return [...validateName(pod.metadata?.name ?? ''), ...validateContainers(pod)];
}

/** The Status message of a 422. upstream: apimachinery/pkg/api/errors/errors.go NewInvalid (ToAggregate) */
export function invalidMessage(kind: string, name: string, errs: FieldError[]): string {
  const agg = errs.length === 1 ? errs[0]!.message : `[${errs.map((e) => e.message).join(', ')}]`;
  return `${kind} ${JSON.stringify(name)} is invalid: ${agg}`;
}
