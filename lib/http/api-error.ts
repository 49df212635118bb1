import 'server-only';
import { ZodError } from 'zod';
import { isDomainError, type DomainErrorCode } from '../errors';
import { fieldErrors } from '../field-errors';
import { isIdpError, type IdpErrorCode } from '../idp/errors';

// One error shape for every portal API response that is not a success:
//   { "error": { "code": "not_found", "message": "…", "fields"?: {…} } }
// lib/ throws domain errors (lib/errors.ts) and IdP errors (lib/idp/errors.ts);
// zod throws for bad input. This module is the one place that turns any of
// them into a status and that shape, so no caller ever sees a bare 500 page.

export type ApiErrorCode =
  'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'idp_unavailable' | 'internal';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string>; idpRequestId?: string };
}

/** Failures of the HTTP layer itself (not signed in, not an admin, bad JSON); lib/ throws domain errors instead. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

const DOMAIN: Record<DomainErrorCode, { status: number; code: ApiErrorCode }> = {
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  invalid: { status: 400, code: 'invalid_input' },
  forbidden: { status: 403, code: 'forbidden' },
};

const IDP: Record<IdpErrorCode, { status: number; code: ApiErrorCode }> = {
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  invalid_input: { status: 400, code: 'invalid_input' },
  unavailable: { status: 503, code: 'idp_unavailable' },
};

export function errorJson(status: number, error: ApiErrorBody['error'], headers?: HeadersInit): Response {
  return Response.json({ error } satisfies ApiErrorBody, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    return errorJson(err.status, { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) }, err.headers);
  }
  if (isDomainError(err)) {
    const { status, code } = DOMAIN[err.code];
    return errorJson(status, { code, message: err.message, ...(err.fields && { fields: err.fields }) });
  }
  if (err instanceof ZodError)
    return errorJson(400, { code: 'invalid_input', message: 'Some fields are not valid', fields: fieldErrors(err) });
  if (isIdpError(err)) {
    const { status, code } = IDP[err.code];
    const message =
      err.code === 'unavailable'
        ? `The identity provider is unavailable: ${err.message}. Nothing was changed; try again shortly.`
        : err.message;
    const headers = err.code === 'unavailable' && err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    return errorJson(status, { code, message, idpRequestId: err.idpRequestId }, headers);
  }
  // Unknown failures: log for operators (never request bodies: they may hold secrets).
  console.error('Unhandled error in a portal API route:', err instanceof Error ? err.stack : err);
  return errorJson(500, { code: 'internal', message: 'Something went wrong on our side. Nothing was changed; try again.' });
}
