// Typed IdP failures. Every adapter throws only these, and every caller (the
// portal API, the SPI over HTTP, the reconciler) maps them the same way.

export type IdpErrorCode = 'not_found' | 'conflict' | 'invalid_input' | 'unavailable';

// The custom server and Next's bundles load this module separately, so an
// IdpError thrown by the server's adapter is not `instanceof` the class Next's
// routes see. A registered symbol brands every instance across copies.
const BRAND = Symbol.for('lanyard.IdpError');

export class IdpError extends Error {
  override name = 'IdpError';
  readonly [BRAND] = true;
  readonly code: IdpErrorCode;
  /** Seconds to wait before retrying, for `unavailable` (throttling, outage). */
  readonly retryAfterSeconds?: number;
  /** The IdP's own request id, for the audit log and support tickets. */
  readonly idpRequestId?: string;

  constructor(code: IdpErrorCode, message: string, options: { cause?: unknown; retryAfterSeconds?: number; idpRequestId?: string } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.idpRequestId = options.idpRequestId;
  }
}

export const notFound = (what: string, options?: ConstructorParameters<typeof IdpError>[2]) =>
  new IdpError('not_found', `${what} does not exist in the IdP`, options);

export const conflict = (what: string, options?: ConstructorParameters<typeof IdpError>[2]) =>
  new IdpError('conflict', `${what} already exists in the IdP`, options);

export const invalidInput = (message: string, options?: ConstructorParameters<typeof IdpError>[2]) =>
  new IdpError('invalid_input', message, options);

export const unavailable = (message: string, options?: ConstructorParameters<typeof IdpError>[2]) =>
  new IdpError('unavailable', message, options);

export function isIdpError(err: unknown, code?: IdpErrorCode): err is IdpError {
  const branded = err instanceof IdpError || (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true);
  return branded && (code === undefined || (err as IdpError).code === code);
}

/** The IdP's request id of a failure, if it was an IdpError that carried one (for the audit log and support tickets). */
export function idpRequestIdOf(err: unknown): string | undefined {
  return isIdpError(err) ? err.idpRequestId : undefined;
}
