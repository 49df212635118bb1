import { ZodError } from 'zod';
import { fieldErrors } from '../field-errors';
import { isIdpError } from '../idp/errors';

// One error shape for every portal API response that is not a success:
//   { "error": { "code": "not_found", "message": "…", "fields"?: {…} } }
// Routes throw ApiError (or let zod / the IdP layer throw); toErrorResponse
// turns any of them into that shape, so no caller ever sees a bare 500 page.

export type ApiErrorCode = 'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'idp_unavailable' | 'internal';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string>; idpRequestId?: string };
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That resource') => new ApiError(404, 'not_found', `${what} was not found`);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const badRequest = (message: string, fields?: Record<string, string>) => new ApiError(400, 'invalid_input', message, fields);

export function toErrorResponse(err: unknown): Response {
  const json = (status: number, error: ApiErrorBody['error'], headers?: HeadersInit) =>
    Response.json({ error } satisfies ApiErrorBody, { status, headers });

  if (err instanceof ApiError) return json(err.status, { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) });
  if (err instanceof ZodError) return json(400, { code: 'invalid_input', message: 'Some fields are not valid', fields: fieldErrors(err) });
  if (isIdpError(err)) {
    const idpRequestId = err.idpRequestId;
    switch (err.code) {
      case 'not_found':
        return json(404, { code: 'not_found', message: err.message, idpRequestId });
      case 'conflict':
        return json(409, { code: 'conflict', message: err.message, idpRequestId });
      case 'invalid_input':
        return json(400, { code: 'invalid_input', message: err.message, idpRequestId });
      case 'unavailable':
        return json(
          503,
          {
            code: 'idp_unavailable',
            message: `The identity provider is unavailable: ${err.message}. Nothing was changed; try again shortly.`,
            idpRequestId,
          },
          err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : undefined,
        );
    }
  }
  // Unknown failures: log for operators (never request bodies: they may hold secrets).
  console.error('Unhandled error in a portal API route:', err instanceof Error ? err.stack : err);
  return json(500, { code: 'internal', message: 'Something went wrong on our side. Nothing was changed; try again.' });
}
