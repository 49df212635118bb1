// Domain errors: what lib/ throws when a request cannot be done, in the
// domain's words and without HTTP. lib/http/api-error.ts alone maps them to
// statuses (not_found 404, conflict 409, invalid 400, forbidden 403), and the
// SPI and the CLI map them their own way. IdP failures have their own type
// (lib/idp/errors.ts).

export type DomainErrorCode = 'not_found' | 'conflict' | 'invalid' | 'forbidden';

// The custom server and Next's bundles may each load this module; a
// registered symbol recognises instances from either copy (as IdpError does).
const BRAND = Symbol.for('lanyard.DomainError');

export class DomainError extends Error {
  override name = 'DomainError';
  readonly [BRAND] = true;
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Per-field messages for forms, keyed by the input's field path. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That resource') => new DomainError('not_found', `${what} was not found`);
export const conflict = (message: string) => new DomainError('conflict', message);
export const invalid = (message: string, fields?: Record<string, string>) => new DomainError('invalid', message, fields);
export const forbidden = (message: string) => new DomainError('forbidden', message);

export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  const branded =
    err instanceof DomainError || (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true);
  return branded && (code === undefined || (err as DomainError).code === code);
}
