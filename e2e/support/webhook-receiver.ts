import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A team's webhook receiver on a loopback address, as a CI system runs one:
// it records every POST and checks `Lanyard-Signature` the way the portal's
// webhook card tells a receiver to (HMAC-SHA256 over "<t>.<body>"), written
// here from that description rather than shared with the portal's code.

export interface Received {
  event: string;
  body: Record<string, unknown>;
  delivery: string;
  signatureValid: (secret: string) => boolean;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = String(req.headers['lanyard-signature'] ?? '');
      const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
      received.push({
        event: String(req.headers['lanyard-event'] ?? ''),
        body: JSON.parse(raw) as Record<string, unknown>,
        delivery: String(req.headers['lanyard-delivery'] ?? ''),
        signatureValid: (secret) => {
          const expected = Buffer.from(createHmac('sha256', secret).update(`${parts.t}.${raw}`).digest('hex'));
          const given = Buffer.from(String(parts.v1 ?? ''));
          return expected.length === given.length && timingSafeEqual(expected, given);
        },
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lanyard`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
