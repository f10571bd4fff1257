// Decoding the request body into a Pod: a value of the wrong shape (a bad quantity) fails the decode,
// and with fieldValidation=Strict an unknown field does too; both are 400s before any admission.
// upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler and
// rest.go transformDecodeError ("%s in version %q cannot be handled as a %s: %v");
// apimachinery/pkg/runtime/error.go strictDecodingError ("strict decoding error: " + errors joined by ", ")
import type { KubeObject } from '../../scenario';
import { parseQuantity } from '../../k8s/quantity';
import type { Failure } from './common';
import { POD_SCHEMA, unknownFields } from './podSchema';
import { statusFailure } from './routes';

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;

/** The first quantity that does not parse, with apimachinery's error text. */
function quantityError(pod: KubeObject): string | null {
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  const lists: unknown[] = [spec.initContainers, spec.containers];
  const maps: unknown[] = [spec.overhead];
  for (const list of lists)
    if (Array.isArray(list))
      for (const c of list as { resources?: Resources }[])
        maps.push(c?.resources?.requests, c?.resources?.limits);
  for (const m of maps) {
    if (typeof m !== 'object' || m === null) continue;
    for (const v of Object.values(m as Record<string, unknown>)) {
      const r = parseQuantity(typeof v === 'number' ? v : String(v));
      if (!r.ok) return r.message;
    }
  }
  return null;
}

function badRequest(message: string): Failure {
  return { code: 400, body: statusFailure(400, 'BadRequest', message) };
}

/** null when the body decodes into a v1 Pod. */
export function decodePod(body: KubeObject, strict: boolean): { failure: Failure; why: string } | null {
  const head = `Pod in version "v1" cannot be handled as a Pod: `;
  const q = quantityError(body);
  if (q) return { failure: badRequest(head + q), why: 'a quantity does not parse' };
  if (!strict) return null;
  const unknown = unknownFields(body, POD_SCHEMA);
  if (unknown.length === 0) return null;
  const errs = unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ');
  return { failure: badRequest(`${head}strict decoding error: ${errs}`), why: 'unknown field' };
}
