// What an admission plugin answers when it refuses a request; the API server turns it into a Status.
export interface Rejection {
  code: number;
  reason: string;
  message: string;
  details: Record<string, unknown>;
}

/** upstream: staging/src/k8s.io/apiserver/pkg/admission/errors.go NewForbidden → errors.go NewForbidden */
export function forbiddenPod(name: string, err: string, extra: Record<string, unknown> = {}): Rejection {
  return {
    code: 403,
    reason: 'Forbidden',
    message: `pods ${JSON.stringify(name)} is forbidden: ${err}`,
    details: { name, kind: 'pods', ...extra },
  };
}

/** `"a", "b"`. upstream: staging/src/k8s.io/pod-security-admission/policy/helpers.go joinQuote */
export function joinQuote(items: readonly string[]): string {
  return items.map((i) => JSON.stringify(i)).join(', ');
}
