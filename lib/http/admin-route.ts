import 'server-only';
import { recordAuditEvent } from '../audit/record-audit-event';
import { currentUser } from '../auth/current-user';
import { db } from '../db';
import { authedRoute, type Authed, type RouteContext } from '../http/route';

// Every /api/admin route goes through adminRoute: authedRoute's server-side
// check (401 signed out, 403 not an admin), plus an audit entry with outcome
// `denied` when someone who is not an admin tries to change something.

type Params = Record<string, string>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function adminRoute<P extends Params = Params>(handler: (ctx: Authed<P>) => Promise<Response>) {
  const inner = authedRoute<P>(handler, { admin: true });
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const res = await inner(req, ctx);
    if (res.status === 403 && !READS.has(req.method)) await recordDenied(req);
    return res;
  };
}

async function recordDenied(req: Request): Promise<void> {
  try {
    const user = await currentUser();
    if (!user) return;
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
