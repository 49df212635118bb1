import { safeText } from './denials';
import type { DeniedRequest } from './types';

// How a refusal goes over HTTP: the status, an RFC 6750 §3 challenge, and the
// small JSON error body Lanyard uses everywhere in Gloo's shape
// `{code, message, reason}`. Built once per refusal object and reused.

export interface DenialResponse {
  readonly status: number;
  /** Raw header list for `res.writeHead` (name, value, name, value…). */
  readonly headers: readonly string[];
  readonly body: Buffer;
}

export function wwwAuthenticate(denial: DeniedRequest, realm: string | undefined): string {
  const params: string[] = [];
  if (realm) params.push(`realm="${safeText(realm)}"`);
  // RFC 6750 §3.1: a request without credentials gets no error code.
  if (!denial.noCredentials) {
    params.push(`error="${denial.error}"`, `error_description="${safeText(denial.description)}"`);
    if (denial.scope !== undefined) params.push(`scope="${safeText(denial.scope)}"`);
  }
  return params.length ? `Bearer ${params.join(', ')}` : 'Bearer';
}

/** A function from refusal to response, memoised per refusal object (they are built once, in denials.ts and per product). */
export function denialResponder(realm: string | undefined): (denial: DeniedRequest) => DenialResponse {
  const built = new WeakMap<DeniedRequest, DenialResponse>();
  return (denial) => built.get(denial) ?? build(denial, realm, built);
}

function build(denial: DeniedRequest, realm: string | undefined, built: WeakMap<DeniedRequest, DenialResponse>): DenialResponse {
  const body = Buffer.from(JSON.stringify({ code: denial.status, message: denial.description, reason: denial.error }));
  const response: DenialResponse = {
    status: denial.status,
    headers: [
      'www-authenticate',
      wwwAuthenticate(denial, realm),
      'content-type',
      'application/json',
      'cache-control',
      'no-store',
      'content-length',
      String(body.length),
    ],
    body,
  };
  built.set(denial, response);
  return response;
}

const unavailableBody = Buffer.from(
  JSON.stringify({ code: 503, message: 'the issuer signing keys cannot be fetched right now', reason: 'temporarily_unavailable' }),
);

export const unavailableResponse: DenialResponse = {
  status: 503,
  headers: ['content-type', 'application/json', 'retry-after', '5', 'content-length', String(unavailableBody.length)],
  body: unavailableBody,
};
