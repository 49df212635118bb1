import type { IncomingMessage } from 'node:http';

// The address a request came from, for rate limits and the audit log. Behind
// a load balancer every request arrives from the balancer, so the client's own
// address is in X-Forwarded-For; but anyone can send that header, so it is
// read only when LANYARD_TRUST_PROXY says a proxy we run sits in front
// (docs/architecture.md, "Production topology"). Then the rightmost entry is
// the one our proxy added: the address it saw.

export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = list
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
