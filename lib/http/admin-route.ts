import 'server-only';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { SessionUser } from '../auth/current-user';
import { db } from '../db';
import { authedRoute, type Authed } from '../http/route';
import { isStateChanging } from './cross-site';

// Every /api/admin route goes through adminRoute: authedRoute's server-side
// checks (cross-site writes refused, 401 signed out, 403 not an admin), plus an
// audit entry with outcome `denied` when someone who is not an admin tries to
// change something.

type Params = Record<string, string>;

export function adminRoute<P extends Params = Params>(handler: (ctx: Authed<P>) => Promise<Response>) {
  return authedRoute<P>(handler, { admin: true, onNotAdmin: recordDenied });
}

async function recordDenied(user: SessionUser, req: Request): Promise<void> {
  if (!isStateChanging(req.method)) return;
  try {
    await recordAuditEvent(db(), {
      actor: user,
      action: 'admin.denied',
      target: { type: 'route', id: `${req.method} ${new URL(req.url).pathname}` },
      outcome: 'denied',
      detail: { role: user.role },
    });
  } catch (err) {
    console.error('Could not record a denied admin request:', err);
  }
}

/** 405 in the portal's error shape, with `Allow`, for methods a route deliberately does not offer. */
export function methodNotAllowed(allow: string[], why: string) {
  return async (req: Request): Promise<Response> =>
    Response.json(
      { error: { code: 'method_not_allowed', message: `${req.method} is not allowed here: ${why}` } },
      { status: 405, headers: { allow: allow.join(', ') } },
    );
}
