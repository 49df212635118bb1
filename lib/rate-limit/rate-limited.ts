// A request refused because its caller went over a limit: the edge answers
// 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3).
const BRAND = Symbol.for('lanyard.RateLimited');

export class RateLimited extends Error {
  override name = 'RateLimited';
  readonly [BRAND] = true;
  constructor(
    message: string,
    /** Whole seconds until the caller may try again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export function isRateLimited(err: unknown): err is RateLimited {
  return err instanceof RateLimited || (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true);
}

export const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
