import { IdpError, invalidInput, notFound, unavailable } from '../errors';

// Okta management API failures → the SPI's typed errors. The SDK throws
// OktaApiError (JSON error body: errorCode, errorSummary, errorCauses, with
// node-fetch Headers), HttpError (non-JSON body), ApiException (generated
// layer, plain-object headers) or node-fetch's FetchError (no response at all).
// They are told apart by shape, not class, so an SDK upgrade that moves a
// class does not turn a 404 into a 500.

interface OktaFailure {
  status?: number;
  errorCode?: string;
  summary: string;
  requestId?: string;
  rateLimitReset?: number;
  serverDate?: number;
}

type HeaderBag = { get?: (name: string) => string | null } & Record<string, unknown>;

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const bag = headers as HeaderBag;
  const value = typeof bag.get === 'function' ? bag.get(name) : (bag[name] ?? bag[name.toLowerCase()]);
  return typeof value === 'string' && value ? value : undefined;
}

function describe(err: unknown): OktaFailure {
  const e = (err ?? {}) as Record<string, unknown>;
  const status = typeof e.status === 'number' ? e.status : typeof e.code === 'number' ? e.code : undefined;
  const body = (e.body && typeof e.body === 'object' ? e.body : e) as Record<string, unknown>;
  const causes = Array.isArray(body.errorCauses)
    ? body.errorCauses.map((c) => String((c as { errorSummary?: unknown }).errorSummary ?? '')).filter(Boolean)
    : [];
  const summary = [typeof body.errorSummary === 'string' ? body.errorSummary : String(e.message ?? err), ...causes].join(': ');
  const reset = Number(header(e.headers, 'x-rate-limit-reset'));
  const date = Date.parse(header(e.headers, 'date') ?? '');
  return {
    status,
    errorCode: typeof body.errorCode === 'string' ? body.errorCode : undefined,
    summary,
    requestId: header(e.headers, 'x-okta-request-id'),
    rateLimitReset: Number.isFinite(reset) && reset > 0 ? reset : undefined,
    serverDate: Number.isFinite(date) ? date : undefined,
  };
}

function isNetworkFailure(err: unknown): boolean {
  const e = (err ?? {}) as { name?: unknown; type?: unknown; code?: unknown };
  return (
    e.name === 'FetchError' ||
    e.name === 'AbortError' ||
    e.type === 'request-timeout' ||
    (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code))
  );
}

/** Seconds until Okta's rate-limit window resets, measured on Okta's clock when it sent one. */
function retryAfter(f: OktaFailure): number {
  if (!f.rateLimitReset) return 60; // Okta's windows are per minute
  const now = (f.serverDate ?? Date.now()) / 1000;
  return Math.max(1, Math.ceil(f.rateLimitReset - now));
}

/** Okta's E0000001 covers every validation failure; only the caller knows whether it meant "already exists". */
export function isOktaValidationError(err: unknown): boolean {
  const f = describe(err);
  return f.status === 400 && (f.errorCode === 'E0000001' || f.errorCode === 'E0000003');
}

export function isOktaNotFound(err: unknown): boolean {
  const f = describe(err);
  return f.status === 404 || f.errorCode === 'E0000007';
}

/**
 * @param what the resource the call was about, for not_found messages ("Client 0oa…").
 */
export function toIdpError(err: unknown, what: string): IdpError {
  if (err instanceof IdpError) return err;
  const f = describe(err);
  const options = { cause: err, idpRequestId: f.requestId };
  const detail = f.errorCode ? `${f.errorCode} ${f.summary}` : f.summary;

  if (f.status === undefined) {
    // No HTTP answer: connection refused, DNS, timeout (node-fetch FetchError).
    if (isNetworkFailure(err)) return unavailable(`Okta could not be reached: ${f.summary}`, { ...options, retryAfterSeconds: 5 });
    return unavailable(`The Okta call failed before an answer came back: ${f.summary}`, options);
  }
  if (f.status === 429 || f.errorCode === 'E0000047') {
    return unavailable(`Okta rate limit reached (${detail})`, { ...options, retryAfterSeconds: retryAfter(f) });
  }
  if (isOktaNotFound(err)) return notFound(what, options);
  if (f.status === 401 || f.errorCode === 'E0000006') {
    // E0000011 bad/expired SSWS token, E0000006 token lacks the admin role:
    // a configuration fault, not something a retry or the caller can fix.
    return unavailable(`Okta refused Lanyard's API token (${detail}); check LANYARD_OKTA_API_TOKEN and its admin role`, options);
  }
  if (f.status >= 500) return unavailable(`Okta failed (${detail})`, { ...options, retryAfterSeconds: 30 });
  if (f.status >= 400) return invalidInput(`Okta rejected the request (${detail})`, options);
  return unavailable(`Unexpected answer from Okta (${detail})`, options);
}
