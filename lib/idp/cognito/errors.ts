import { CognitoIdentityProviderServiceException } from '@aws-sdk/client-cognito-identity-provider';
import { IdpError } from '../errors';

// AWS errors as the SPI's typed errors. The SDK has already retried throttling
// and 5xx answers by the time an error gets here, so `unavailable` means
// "still failing after retries": the caller waits retryAfterSeconds and tries
// again. AWS sends no Retry-After, so the waits below are our own estimates.

const NOT_FOUND = new Set(['ResourceNotFoundException']);
const INVALID_INPUT = new Set(['InvalidParameterException', 'ScopeDoesNotExistException', 'InvalidOAuthFlowException']);
/** Seconds to wait per transient error. LimitExceeded is a quota (e.g. 100 scopes per resource server): retrying soon rarely helps. */
const RETRY_AFTER: Record<string, number> = {
  TooManyRequestsException: 2,
  ConcurrentModificationException: 1,
  InternalErrorException: 5,
  InternalServerException: 5,
  LimitExceededException: 60,
};
/** Node socket and DNS failures, and the SDK's own timeout. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const NETWORK_RETRY_AFTER = 5;

function retryAfterHeader(err: CognitoIdentityProviderServiceException): number | undefined {
  const raw = err.$response?.headers?.['retry-after'];
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** `what` names the thing the call was about, for not_found messages (e.g. "Client abc"). */
export function toIdpError(err: unknown, what = 'The resource'): IdpError {
  if (err instanceof IdpError) return err;
  if (err instanceof CognitoIdentityProviderServiceException) {
    const idpRequestId = err.$metadata?.requestId;
    const detail = `${err.name}: ${err.message}`;
    if (NOT_FOUND.has(err.name))
      return new IdpError('not_found', `${what} does not exist in Cognito (${detail})`, { cause: err, idpRequestId });
    if (INVALID_INPUT.has(err.name))
      return new IdpError('invalid_input', `Cognito refused the request (${detail})`, { cause: err, idpRequestId });
    const known = RETRY_AFTER[err.name] ?? (err.$fault === 'server' ? RETRY_AFTER.InternalErrorException : undefined);
    if (known !== undefined) {
      return new IdpError('unavailable', `Cognito is not available (${detail})`, {
        cause: err,
        idpRequestId,
        retryAfterSeconds: retryAfterHeader(err) ?? known,
      });
    }
    // Anything else (NotAuthorizedException for the portal's own AWS
    // credentials, AccessDenied, UserPoolTaggingException...) is a setup
    // problem: unavailable, but with no retry hint since waiting will not fix it.
    return new IdpError('unavailable', `Cognito refused the portal's request (${detail})`, { cause: err, idpRequestId });
  }
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  if ((typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) || e?.name === 'TimeoutError') {
    return new IdpError('unavailable', `Cognito cannot be reached (${String(e.code ?? e.name)})`, {
      cause: err,
      retryAfterSeconds: NETWORK_RETRY_AFTER,
    });
  }
  return new IdpError('unavailable', `Cognito call failed: ${String(e?.message ?? err)}`, { cause: err });
}
