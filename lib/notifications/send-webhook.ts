import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { literalHostIsPrivate, PrivateAddressError, publicOnlyLookup } from './address-policy';
import { signatureHeader } from './webhook-signing';

// One POST of a delivery to a team's receiver. Success is any 2xx within the
// timeout; redirects are not followed (a 3xx is a failure, so a receiver
// cannot bounce the portal to another address). The receiver's body is not
// read beyond draining it.

export interface WebhookRequest {
  url: string;
  deliveryId: string;
  event: string;
  payload: string;
  secret: string;
}

export interface SendOptions {
  allowPrivateAddresses: boolean;
  timeoutMs?: number;
}

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export function sendWebhook(r: WebhookRequest, options: SendOptions): Promise<SendResult> {
  const url = new URL(r.url);
  if (!options.allowPrivateAddresses && literalHostIsPrivate(url.hostname)) {
    return Promise.resolve({ ok: false, status: null, error: new PrivateAddressError(url.hostname).message });
  }
  const body = Buffer.from(r.payload);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        timeout: options.timeoutMs ?? 10_000,
        ...(options.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'user-agent': 'Lanyard-Webhooks/1',
          'lanyard-event': r.event,
          'lanyard-delivery': r.deliveryId,
          'lanyard-signature': signatureHeader(r.secret, r.payload),
        },
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `The receiver answered ${status}` });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer within ${Math.round((options.timeoutMs ?? 10_000) / 1000)} s`)));
    req.on('error', (err) => resolve({ ok: false, status: null, error: err.message.slice(0, 500) }));
    req.end(body);
  });
}
