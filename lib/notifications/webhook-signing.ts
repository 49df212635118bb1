import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Webhook signatures (docs/architecture.md, "Notifications"). Every delivery
// carries `Lanyard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>">`, so a receiver checks the body came from the portal and is
// fresh (reject a t more than five minutes old). The signing secret is not
// stored: it is derived from the portal's own secret and the webhook's salt,
// and shown to the team once, when the webhook is created.

export function webhookSecret(portalSecret: string, webhookId: string, salt: string): string {
  const key = Buffer.from(hkdfSync('sha256', portalSecret, 'lanyard', 'webhook-signing', 32));
  return `whsec_${createHmac('sha256', key).update(`${webhookId}:${salt}`).digest('base64url')}`;
}

export function signatureHeader(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, check the age. */
export function verifySignature(secret: string, body: string, header: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
