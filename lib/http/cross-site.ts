import 'server-only';
import { env } from '../env';
import { ApiError } from './api-error';

// Cross-site request forgery defence for the portal's cookie-authenticated
// API (OWASP's "verifying origin with standard headers", plus a content-type
// a form cannot send). SameSite=Lax alone lets a same-site page (another port,
// a sibling subdomain) post with the user's cookie; these checks refuse it:
//
// - A state-changing request (anything but GET, HEAD, OPTIONS) must carry an
//   `Origin` equal to the portal's own (LANYARD_URL), or, where a browser sent
//   no Origin, `Sec-Fetch-Site: same-origin`. With neither it is refused: every
//   browser this portal supports sends one of them.
// - POST, PUT and PATCH must say `Content-Type: application/json`, which an
//   HTML form cannot send and a cross-origin fetch cannot send without a CORS
//   preflight the portal never grants.

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const mediaType = (req: Request) => (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

export const isStateChanging = (method: string) => !SAFE.has(method.toUpperCase());

function portalOrigin(): string {
  return new URL(env().LANYARD_URL).origin;
}

const refuse = (why: string) => new ApiError(403, 'forbidden', `Cross-site request refused: ${why}`);

/** Throws a 403 ApiError when a state-changing request may come from another site, 415 when it is not JSON. */
export function assertSameOrigin(req: Request, origin = portalOrigin()): void {
  if (!isStateChanging(req.method)) return;
  const sent = req.headers.get('origin');
  if (sent !== null) {
    if (sent !== origin) throw refuse(`the request came from ${sent === 'null' ? 'an opaque origin' : sent}, not ${origin}`);
  } else if (req.headers.get('sec-fetch-site') !== 'same-origin') {
    throw refuse('it carries neither an Origin header nor Sec-Fetch-Site: same-origin');
  }
  if (WITH_BODY.has(req.method.toUpperCase()) && mediaType(req) !== 'application/json') {
    throw new ApiError(415, 'invalid_input', 'Send the request as JSON, with Content-Type: application/json');
  }
}
