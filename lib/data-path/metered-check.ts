import { JwksUnavailableError } from './jwks-cache';
import type { LimitsSource } from './limits/limits-source';
import { DECISION, type DataPathMetrics, type Transport } from './metrics';
import { wallClock } from './clock';
import type { Limiter, LimitSubject, LimitVerdict } from './rate-limit/limiter';
import { createMemoryLimiter } from './rate-limit/memory-limiter';
import type { AllowedRequest, CheckResult, DataPathCheck, DeniedRequest } from './types';
import type { UsageRecorder } from './usage/usage-recorder';

// The check with plans applied (docs/architecture.md, "Plans and limits"):
// after the token check admits a caller, the pair (client, product) is
// looked up in the limits table and the limiter takes one request from the
// plan's allowance; over it, the request is refused with 429. Each decision
// is counted for /metrics and, where the caller does not record the
// upstream's answer itself, for usage (`admitted`, `limited`, `refused`).
// A pair without a plan has no limits; a limiter store that fails admits
// (failedOpen) and is counted.

export interface LimitedRequest {
  readonly allow: false;
  readonly status: 429;
  readonly error: 'rate_limited';
  readonly clientId: string;
  readonly productId: string;
}

export interface MeteredDecision {
  readonly result: CheckResult | LimitedRequest;
  /** The pair's plan, when it has one. */
  readonly subject?: LimitSubject;
  /** The limiter's verdict for this request, when the pair has a plan. */
  readonly verdict?: LimitVerdict;
}

export interface MeteredCheckOptions {
  check: DataPathCheck;
  transport: Transport;
  limits?: LimitsSource;
  /** Default: in process. */
  limiter?: Limiter;
  /** Records decisions as usage. */
  usage?: UsageRecorder;
  /**
   * Whether admitted calls are recorded here, as `admitted` (ext_authz, which never sees the upstream's
   * answer). The demo gateway records them itself once the upstream answers. Default true.
   */
  recordAdmitted?: boolean;
  metrics?: DataPathMetrics;
}

export interface MeteredCheck {
  decide(authorization: string | undefined, productId: string | undefined): Promise<MeteredDecision>;
  readonly limiter: Limiter;
}

const USAGE = { admitted: 0, limited: 5, refused: 6, unavailable: 7 } as const;

function denialSlot(denial: DeniedRequest): number {
  if (denial.error === 'invalid_token') return DECISION.invalidToken;
  if (denial.error === 'insufficient_scope') return DECISION.insufficientScope;
  return DECISION.invalidRequest;
}

export function createMeteredCheck(options: MeteredCheckOptions): MeteredCheck {
  const { check, transport, limits, usage, metrics } = options;
  const limiter = options.limiter ?? createMemoryLimiter();
  const admittedUsage = options.recordAdmitted === false ? undefined : usage;

  function done(start: number, slot: number, clientId: string, productId: string | undefined, outcome: number): void {
    const end = performance.now();
    metrics?.decision(transport, slot, (end - start) / 1000);
    (outcome === USAGE.admitted ? admittedUsage : usage)?.recordIndex(clientId, productId ?? '', outcome, end - start, wallClock(end));
  }

  // A cached token is decided without waiting (checkAtOnce), so the metered
  // decision costs one promise, as the bare check does; anything else waits
  // for the signature check first.
  function decide(authorization: string | undefined, productId: string | undefined): Promise<MeteredDecision> {
    const start = performance.now();
    const atOnce = check.checkAtOnce?.(authorization, productId);
    if (atOnce !== undefined) {
      const decision = after(atOnce, start, productId);
      return decision instanceof Promise ? decision : Promise.resolve(decision);
    }
    return check.check(authorization, productId).then(
      (result) => after(result, start, productId),
      (err: unknown) => {
        if (err instanceof JwksUnavailableError) done(start, DECISION.unavailable, '', productId, USAGE.unavailable);
        throw err;
      },
    );
  }

  function after(result: CheckResult, start: number, productId: string | undefined): MeteredDecision | Promise<MeteredDecision> {
    if (!result.allow) {
      done(start, denialSlot(result), '', productId, USAGE.refused);
      return { result };
    }
    const subject = limits?.table.lookup(result.clientId, productId!);
    if (subject === undefined) {
      done(start, DECISION.allowed, result.clientId, productId, USAGE.admitted);
      return { result };
    }
    const verdict = limiter.take(subject, wallClock(start));
    return verdict instanceof Promise
      ? verdict.then((v) => applyVerdict(result, subject, v, start, productId))
      : applyVerdict(result, subject, verdict, start, productId);
  }

  function applyVerdict(
    result: AllowedRequest,
    subject: LimitSubject,
    verdict: LimitVerdict,
    start: number,
    productId: string | undefined,
  ): MeteredDecision {
    if (verdict.failedOpen && metrics) metrics.storeErrors += 1;
    if (verdict.allowed) {
      done(start, DECISION.allowed, result.clientId, productId, USAGE.admitted);
      return { result, subject, verdict };
    }
    const quota = verdict.violated === 'quota';
    if (metrics) metrics.limiterHits[quota ? 'quota' : 'rate'] += 1;
    done(start, quota ? DECISION.quota : DECISION.rate, result.clientId, productId, USAGE.limited);
    const limited: LimitedRequest = { allow: false, status: 429, error: 'rate_limited', clientId: result.clientId, productId: productId! };
    return { result: limited, subject, verdict };
  }

  return { decide, limiter };
}
