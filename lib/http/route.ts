import 'server-only';
import type { z } from 'zod';
import { currentUser, type SessionUser } from '../auth/current-user';
import { ApiError, toErrorResponse } from './api-error';
import { assertSameOrigin } from './cross-site';
import { malformedTextPath } from './well-formed.mjs';

// Thin route handlers: refuse cross-site writes, authenticate, parse, call
// lib/, answer. Everything a route can throw becomes the one JSON error shape
// (api-error.ts).

type Params = Record<string, string>;
export interface RouteContext<P extends Params = Params> {
  params: Promise<P>;
}

export interface Authed<P extends Params> {
  user: SessionUser;
  params: P;
  req: Request;
}

export interface RouteOptions {
  /** Portal admins only (403 for anyone else). */
  admin?: boolean;
  /** Called before the 403 when a signed-in user who is not an admin is refused. */
  onNotAdmin?: (user: SessionUser, req: Request) => Promise<void>;
}

export function authedRoute<P extends Params = Params>(handler: (ctx: Authed<P>) => Promise<Response>, options: RouteOptions = {}) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      // Before anything else, so a forged request learns nothing, not even whether the session is valid.
      assertSameOrigin(req);
      const user = await currentUser();
      if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue');
      if (options.admin && user.role !== 'admin') {
        await options.onNotAdmin?.(user, req);
        throw new ApiError(403, 'forbidden', 'Only portal admins may do this');
      }
      return await handler({ user, params: await ctx.params, req });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/**
 * For the few routes that need no session (setting a password from a one-time
 * link): cross-site writes are refused all the same, and errors have the one shape.
 */
export function publicRoute<P extends Params = Params>(handler: (ctx: { params: P; req: Request }) => Promise<Response>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(req);
      return await handler({ params: await ctx.params, req });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** Headroom over a field's limit for the rest of a JSON body (the other fields, escaping). */
const BODY_OVERHEAD = 1024 * 1024;

/** The largest body a route taking a field of up to `maxBytes` reads at all. */
export const bodyLimit = (maxBytes: number) => maxBytes * 1.1 + BODY_OVERHEAD;

export const bodyTooLarge = (maxBytes: number) =>
  new ApiError(413, 'invalid_input', `The request is too large: at most ${Math.round(maxBytes / 1024 / 1024)} MB can be uploaded`);

export const bodyNotJson = () => new ApiError(400, 'invalid_input', 'The request body is not valid JSON');

export const bodyUnreadable = () => new ApiError(400, 'invalid_input', 'The request body could not be read');

/** 400 for text that is not well-formed (well-formed.mjs) at `field`. */
export function malformedText(field: string): ApiError {
  const message = 'may not contain NUL bytes or broken Unicode (a lone surrogate)';
  return new ApiError(400, 'invalid_input', `Some text is not valid: ${field} ${message}`, { [field]: `This ${message}` });
}

/**
 * The request's JSON body, validated; a body that is not JSON is a 400 too.
 * `maxBytes`: the largest field the route takes (an uploaded document); a
 * body much larger than that is refused with a 413 before it is parsed.
 * (An upload whose parsing should not hold up the request thread:
 * lib/products/document-upload.ts.)
 */
export async function readBody<S extends z.ZodType>(req: Request, schema: S, options: { maxBytes?: number } = {}): Promise<z.infer<S>> {
  const limit = options.maxBytes === undefined ? undefined : bodyLimit(options.maxBytes);
  if (limit !== undefined && Number(req.headers.get('content-length') ?? 0) > limit) throw bodyTooLarge(options.maxBytes!);
  let raw: unknown;
  let text: string;
  try {
    text = await req.text();
  } catch {
    throw bodyUnreadable();
  }
  if (limit !== undefined && text.length > limit) throw bodyTooLarge(options.maxBytes!);
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw bodyNotJson();
  }
  refuseMalformedText(raw);
  return schema.parse(raw);
}

function refuseMalformedText(raw: unknown): void {
  const field = malformedTextPath(raw);
  if (field) throw malformedText(field);
}

/** The query string, validated; empty values count as absent. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(req.url).searchParams) if (value !== '') raw[key] = value;
  refuseMalformedText(raw);
  return schema.parse(raw);
}

export const noContent = () => new Response(null, { status: 204 });
