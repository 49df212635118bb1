import type { DenialResponse } from './denial-response';
import type { MeteredDecision } from './metered-check';
import { limitedBody, rateLimitHeaders } from './rate-limit/headers';

// The HTTP side of the plan's limits (rate-limit/headers.ts has the fields):
// an admitted request's RateLimit-Policy and RateLimit headers, for the
// gateway to pass to the client (Envoy: `allowed_client_headers_on_success`),
// and the 429 with Retry-After, the same fields and a problem+json body.

/** RateLimit header pairs for an admitted request ([] when the pair has no plan). */
export function admittedLimitHeaders(decision: MeteredDecision): string[] {
  return decision.subject && decision.verdict && !decision.verdict.failedOpen
    ? rateLimitHeaders(decision.subject.limits, decision.verdict)
    : [];
}

export function limitedResponse(decision: MeteredDecision): DenialResponse {
  const { subject, verdict } = decision;
  const body = limitedBody(subject!.limits, verdict!, subject!.productId);
  return {
    status: 429,
    headers: [
      ...rateLimitHeaders(subject!.limits, verdict!),
      'content-type',
      'application/problem+json',
      'cache-control',
      'no-store',
      'content-length',
      String(body.length),
    ],
    body,
  };
}
