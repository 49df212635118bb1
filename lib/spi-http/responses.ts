import { STATUS_CODES } from 'node:http';
import { IdpError, type IdpErrorCode } from '../idp/errors';
import { DEFAULT_RETRY_AFTER_SECONDS } from './limits';

// Every SPI answer is built here: JSON bodies, Gloo's error shape
// `{"code", "message", "reason"}` (code = HTTP status, message = its status
// text, reason = what went wrong), and the one mapping from IdpError codes to
// HTTP statuses.

/** An SPI failure the handler turns into an error response. */
export class SpiHttpError extends Error {
  override name = 'SpiHttpError';
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}

const BASE_HEADERS = {
  // Responses can carry client secrets; no cache may keep any of them.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', ...headers },
  });
}

export function emptyResponse(status: 201 | 204): Response {
  return new Response(null, { status, headers: BASE_HEADERS });
}

export function errorResponse(status: number, reason: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { code: status, message: STATUS_CODES[status] ?? 'Error', reason }, headers);
}

export const IDP_ERROR_STATUS: Record<IdpErrorCode, number> = {
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
  unavailable: 503,
};

export function idpErrorResponse(err: IdpError): Response {
  const status = IDP_ERROR_STATUS[err.code];
  const headers: Record<string, string> = {};
  if (err.code === 'unavailable') {
    const seconds = err.retryAfterSeconds;
    headers['retry-after'] = String(
      seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  return errorResponse(status, err.message, headers);
}

/** Any thrown value as a response; unexpected errors are logged and not described to the caller. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof SpiHttpError) return errorResponse(err.status, err.reason, err.headers);
  if (err instanceof IdpError) return idpErrorResponse(err);
  console.error('[spi-http] unexpected error:', err);
  return errorResponse(500, 'unexpected error; see the portal log');
}
