import type { PlanLimits } from '../limits/plan-limits';
import type { LimitVerdict } from './limiter';

// The IETF RateLimit header fields, as draft-ietf-httpapi-ratelimit-headers-10
// (27 Sep 2025) defines them: both are Structured Field Lists (RFC 9651) of
// String items naming a policy.
//   RateLimit-Policy: "<plan>-per-minute";q=10;w=60, "<plan>-per-day";q=1000;w=86400
//   RateLimit:        "<plan>-per-minute";r=9;t=6, "<plan>-per-day";r=999;t=43210
// q is the policy's quota, w its window in seconds (a calendar month's length
// for a monthly quota), r the requests left and t the seconds until more are
// available. Plan keys are [a-z0-9-], so the names need no escaping.
// A refused request also gets Retry-After (never earlier than the violated
// policy's t, as the draft asks) and a problem+json body naming the violated
// policies (the draft's quota-exceeded problem type).

export const RATE_LIMIT_DRAFT = 'draft-ietf-httpapi-ratelimit-headers-10';
export const QUOTA_EXCEEDED_TYPE = 'https://iana.org/assignments/http-problem-types#quota-exceeded';

const RATE_NAME = { second: 'per-second', minute: 'per-minute' } as const;
const QUOTA_NAME = { day: 'per-day', month: 'per-month' } as const;

export function ratePolicyName(limits: PlanLimits): string | undefined {
  return limits.rate && `${limits.plan}-${RATE_NAME[limits.rate.window]}`;
}

export function quotaPolicyName(limits: PlanLimits): string | undefined {
  return limits.quota && `${limits.plan}-${QUOTA_NAME[limits.quota.window]}`;
}

/** The RateLimit-Policy field value, or undefined for a plan without limits. */
export function rateLimitPolicy(limits: PlanLimits, verdict: LimitVerdict): string | undefined {
  const items: string[] = [];
  if (limits.rate) items.push(`"${ratePolicyName(limits)}";q=${limits.rate.limit};w=${limits.rate.window === 'second' ? 1 : 60}`);
  if (limits.quota && verdict.quota) items.push(`"${quotaPolicyName(limits)}";q=${limits.quota.limit};w=${verdict.quota.windowSeconds}`);
  return items.length ? items.join(', ') : undefined;
}

/** The RateLimit field value, or undefined when the verdict carries no state. */
export function rateLimitField(limits: PlanLimits, verdict: LimitVerdict): string | undefined {
  const items: string[] = [];
  if (verdict.rate) items.push(`"${ratePolicyName(limits)}";r=${verdict.rate.remaining};t=${verdict.rate.resetSeconds}`);
  if (verdict.quota) items.push(`"${quotaPolicyName(limits)}";r=${verdict.quota.remaining};t=${verdict.quota.resetSeconds}`);
  return items.length ? items.join(', ') : undefined;
}

/** Header name/value pairs for any response the limits applied to (2xx and 429 alike). */
export function rateLimitHeaders(limits: PlanLimits, verdict: LimitVerdict): string[] {
  const policy = rateLimitPolicy(limits, verdict);
  const field = rateLimitField(limits, verdict);
  const out: string[] = [];
  if (policy) out.push('ratelimit-policy', policy);
  if (field) out.push('ratelimit', field);
  if (!verdict.allowed && verdict.retryAfterSeconds !== undefined) out.push('retry-after', String(verdict.retryAfterSeconds));
  return out;
}

export function violatedPolicies(limits: PlanLimits, verdict: LimitVerdict): string[] {
  const names: string[] = [];
  if (verdict.rate?.remaining === 0 && verdict.violated === 'rate') names.push(ratePolicyName(limits)!);
  if (verdict.violated === 'quota') {
    if (verdict.rate?.remaining === 0 && limits.rate) names.push(ratePolicyName(limits)!);
    names.push(quotaPolicyName(limits)!);
  }
  return names;
}

/** The 429's body: the draft's problem type, plus Lanyard's usual {code, message, reason}. */
export function limitedBody(limits: PlanLimits, verdict: LimitVerdict, productId: string): Buffer {
  const violated = violatedPolicies(limits, verdict);
  const quota = verdict.violated === 'quota';
  const message = quota
    ? `the ${limits.planName} plan's quota for API product ${productId} is used up until the window resets`
    : `the ${limits.planName} plan allows ${limits.rate?.limit} requests per ${limits.rate?.window} to API product ${productId}`;
  return Buffer.from(
    JSON.stringify({
      type: QUOTA_EXCEEDED_TYPE,
      title: 'Request cannot be satisfied as assigned quota has been exceeded',
      status: 429,
      detail: message,
      'violated-policies': violated,
      code: 429,
      message,
      reason: quota ? 'quota_exceeded' : 'rate_limited',
    }),
  );
}
