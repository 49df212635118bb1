import 'server-only';
import type { z } from 'zod';
import { authenticateAccessToken, type TokenCaller } from '../access-tokens/tokens';
import { recordAuditEvent } from '../audit/record-audit-event';
import { db } from '../db';
import { ApiError, toErrorResponse } from '../http/api-error';
import { isStateChanging } from '../http/cross-site';
import { malformedTextPath } from '../http/well-formed.mjs';
import { maxOpenApiBytes } from '../products/openapi';
import { withIdempotency } from './idempotency';
import { requirementFor, type V1Method } from './route-table';

// Thin /api/v1 route handlers (docs/security.md, "The /api/v1 API"): a bearer
// access token and nothing else. No cookie is read, so a browser cannot be
// made to send a request with the user's rights, and no CSRF check is needed;
// the token's scope for the route (route-table.ts) is checked against the
// token's scopes ∩ its owner's rights before the handler runs. Errors have the
// portal's one JSON shape (lib/http/api-error.ts).

type Params = Record<string, string>;

export interface V1Context<P extends Params> {
  caller: TokenCaller;
  params: P;
  req: Request;
  /** The request body as text ('' for GET). */
  body: string;
}

export interface V1Options {
  /** Honour `Idempotency-Key` (creates): a retry gets the first response back. */
  idempotent?: boolean;
}

// A document upload plus room for the JSON around it.
/** A document at the upload cap (LANYARD_MAX_OPENAPI_MB) and a little JSON around it. */
const maxBodyBytes = () => maxOpenApiBytes() + 64 * 1024;

const noStore = { 'cache-control': 'no-store' };

function unauthenticated(message: string): ApiError {
  return new ApiError(401, 'unauthenticated', message, undefined, { 'www-authenticate': 'Bearer realm="lanyard"' });
}

async function callerOf(req: Request): Promise<TokenCaller> {
  const header = req.headers.get('authorization');
  if (!header) throw unauthenticated('Send an access token: Authorization: Bearer lyd_…');
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  const caller = match ? await authenticateAccessToken(db(), match[1]!) : null;
  if (!caller) throw unauthenticated('The access token is not valid: it is unknown, expired or revoked');
  return caller;
}

async function readText(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBodyBytes()) throw new ApiError(413, 'invalid_input', `The request body may be at most ${maxBodyBytes()} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBodyBytes())
    throw new ApiError(413, 'invalid_input', `The request body may be at most ${maxBodyBytes()} bytes`);
  return text;
}

export function v1Route<P extends Params = Params>(
  path: string,
  method: V1Method,
  handler: (ctx: V1Context<P>) => Promise<Response>,
  options: V1Options = {},
) {
  const requirement = requirementFor(path, method);
  // At import time, so a route missing from the table never serves a request.
  if (!requirement) throw new Error(`${method} ${path} has no entry in lib/api-v1/route-table.ts`);
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const caller = requirement.scope === null ? undefined : await callerOf(req);
      if (caller && requirement.scope) {
        const missing = !caller.scopes.has(requirement.scope);
        if (missing || (requirement.admin && caller.user.role !== 'admin')) {
          await recordDenied(caller, req, requirement.scope);
          throw new ApiError(
            403,
            'forbidden',
            missing
              ? `This token cannot do this: it needs the ${requirement.scope} scope, and its owner must be allowed to use it`
              : 'Only a portal admin’s token can do this',
          );
        }
      }
      const body = isStateChanging(req.method) ? await readText(req) : '';
      const run = async () => {
        const response = await handler({ caller: caller!, params: await ctx.params, req, body });
        for (const [k, v] of Object.entries(noStore)) if (!response.headers.has(k)) response.headers.set(k, v);
        return response;
      };
      const key = req.headers.get('idempotency-key');
      if (options.idempotent && key !== null && caller)
        return await withIdempotency(db(), caller.user.id, key, `${method} ${path}`, body, run);
      return await run();
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

async function recordDenied(caller: TokenCaller, req: Request, scope: string): Promise<void> {
  if (!isStateChanging(req.method)) return;
  await recordAuditEvent(db(), {
    actor: caller.user,
    action: 'api.denied',
    target: { type: 'route', id: `${req.method} ${new URL(req.url).pathname}` },
    outcome: 'denied',
    detail: { tokenId: caller.tokenId, scope, role: caller.user.role },
  }).catch((err: unknown) => console.error('Could not record a denied API request:', err));
}

/** A JSON body, validated; not JSON is a 400. */
export function jsonBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(400, 'invalid_input', 'The request body is not valid JSON');
  }
  const field = malformedTextPath(raw);
  if (field) throw new ApiError(400, 'invalid_input', `Some text is not valid: ${field} may not contain NUL bytes or broken Unicode`);
  return schema.parse(raw);
}

/** The query string, validated; empty values count as absent. */
export function v1Query<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(req.url).searchParams) if (value !== '') raw[key] = value;
  const field = malformedTextPath(raw);
  if (field) throw new ApiError(400, 'invalid_input', `Some text is not valid: ${field}`);
  return schema.parse(raw);
}
