import { isIdpError, type IdpErrorCode } from '../idp/errors';

// Small readers over isIdpError (which recognises IdpErrors from every copy
// of lib/idp/errors.ts, see its BRAND), for the admin and drift code.

export function idpErrorCode(err: unknown): IdpErrorCode | undefined {
  return isIdpError(err) ? err.code : undefined;
}

export function isIdpErrorCode(err: unknown, code: IdpErrorCode): boolean {
  return isIdpError(err, code);
}

/** The IdP's request id, for the audit log and support tickets. */
export function idpRequestIdOf(err: unknown): string | undefined {
  return isIdpError(err) ? err.idpRequestId : undefined;
}
