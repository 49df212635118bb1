import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Viewer } from '../apps/access';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { forbidden, invalid, notFound } from '../errors';
import type { AccessToken } from '../generated/prisma/client';
import { createTokenSchema } from './schemas';
import { effectiveScopes, ownerRights, type OwnerStanding, type TokenKind, type TokenScope } from './scopes';

// Personal and service access tokens (docs/adr/0011-automation-tokens-api-cli-versions.md).
// A token is `lyd_` and 43 characters of base64url (256 random bits): the
// prefix lets secret scanners and people recognise it; the randomness makes a
// plain SHA-256 enough to store (no guessing a 256-bit value from its hash).
// The token is returned once, at creation, and never logged.

export const TOKEN_PREFIX = 'lyd_';
const TOKEN_SHAPE = /^lyd_[A-Za-z0-9_-]{43}$/;

export const hashAccessToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A token's last use is written at most this often, so a busy CI job does not write a row per call. */
const LAST_USED_EVERY_MS = 60_000;

export interface AccessTokenView {
  id: string;
  kind: TokenKind;
  name: string;
  /** The token's first characters, e.g. `lyd_Ab3x`. */
  prefix: string;
  scopes: TokenScope[];
  owner: { id: string; email: string };
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  status: 'active' | 'expired' | 'revoked';
}

export interface CreatedAccessToken extends AccessTokenView {
  /** The token itself: shown once. */
  token: string;
}

type TokenRow = AccessToken & { owner: { id: string; email: string } };

function toView(row: TokenRow, now = new Date()): AccessTokenView {
  return {
    id: row.id,
    kind: row.kind as TokenKind,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    owner: { id: row.owner.id, email: row.owner.email },
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
  };
}

/** The owner's standing now: admin or not (refreshed at each sign-in), disabled in the embedded IdP or not. */
async function standingOf(db: Db, owner: { email: string; isAdmin: boolean }): Promise<OwnerStanding> {
  const person = await db.idpUser.findUnique({ where: { email: owner.email }, select: { disabledAt: true } });
  return { isAdmin: owner.isAdmin, disabled: !!person?.disabledAt };
}

/**
 * Creates a personal token (owned by the actor) or, for an admin, a service
 * token (owned by that admin, for CI). A scope the owner cannot use is refused
 * here already, so nobody is handed a token that silently does less.
 */
export async function createAccessToken(
  db: Db,
  actor: Viewer,
  kind: TokenKind,
  raw: unknown,
  now = new Date(),
): Promise<CreatedAccessToken> {
  const input = createTokenSchema.parse(raw);
  const owner = await db.user.findUnique({ where: { id: actor.id } });
  if (!owner) throw notFound('Your account');
  const rights = ownerRights(await standingOf(db, owner));
  if (kind === 'service' && !owner.isAdmin) throw forbidden('Only portal admins can create service tokens');
  const beyond = input.scopes.filter((s) => !rights.has(s));
  if (beyond.length)
    throw invalid(`Your account cannot use ${beyond.join(', ')}, so a token cannot either`, {
      scopes: `Not available to you: ${beyond.join(', ')}`,
    });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const row = await audited(
    db,
    {
      actor,
      action: 'token.create',
      target: { type: 'access_token', id: input.name },
      detail: { kind, name: input.name, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    },
    () =>
      db.accessToken.create({
        data: {
          kind,
          name: input.name,
          ownerId: owner.id,
          tokenHash: hashAccessToken(token),
          prefix: token.slice(0, TOKEN_PREFIX.length + 4),
          scopes: JSON.stringify(input.scopes),
          expiresAt,
        },
        include: { owner: { select: { id: true, email: true } } },
      }),
    (r) => ({ tokenId: r.id, prefix: r.prefix }),
  );
  return { ...toView(row, now), token };
}

/** The viewer's personal tokens, newest first. */
export async function listPersonalTokens(db: Db, viewer: Viewer): Promise<AccessTokenView[]> {
  const rows = await db.accessToken.findMany({
    where: { ownerId: viewer.id, kind: 'personal' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { owner: { select: { id: true, email: true } } },
  });
  const now = new Date();
  return rows.map((r) => toView(r, now));
}

/** Every service token (the admin page), newest first. */
export async function listServiceTokens(db: Db): Promise<AccessTokenView[]> {
  const rows = await db.accessToken.findMany({
    where: { kind: 'service' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { owner: { select: { id: true, email: true } } },
  });
  const now = new Date();
  return rows.map((r) => toView(r, now));
}

/**
 * Revokes a token at once. Its owner may revoke it; so may any admin a
 * service token (the owner may have left). Anyone else gets 404.
 */
export async function revokeAccessToken(db: Db, actor: Viewer & { role: 'admin' | 'consumer' }, tokenId: string): Promise<AccessTokenView> {
  const row = await db.accessToken.findUnique({ where: { id: tokenId }, include: { owner: { select: { id: true, email: true } } } });
  const allowed = row && (row.ownerId === actor.id || (row.kind === 'service' && actor.role === 'admin'));
  if (!row || !allowed) throw notFound('That token');
  if (row.revokedAt) return toView(row);
  const revoked = await audited(
    db,
    {
      actor,
      action: 'token.revoke',
      target: { type: 'access_token', id: row.id },
      detail: { kind: row.kind, name: row.name, owner: row.owner.email },
    },
    () =>
      db.accessToken.update({
        where: { id: row.id },
        data: { revokedAt: new Date() },
        include: { owner: { select: { id: true, email: true } } },
      }),
  );
  return toView(revoked);
}

export interface TokenCaller {
  tokenId: string;
  kind: TokenKind;
  /** The owner, as the rest of lib/ knows a signed-in person. */
  user: { id: string; email: string; name: string | null; role: 'admin' | 'consumer' };
  /** The token's scopes ∩ the owner's rights now. */
  scopes: Set<TokenScope>;
}

/**
 * The caller a bearer token stands for, or null when it is not a live token
 * (unknown, revoked, expired, or its owner is gone). The owner's rights are
 * read on every call, so a demoted or disabled owner's token loses power at once.
 */
export async function authenticateAccessToken(db: Db, token: string, now = new Date()): Promise<TokenCaller | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashAccessToken(token) }, include: { owner: true } });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await db.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const standing = await standingOf(db, row.owner);
  return {
    tokenId: row.id,
    kind: row.kind as TokenKind,
    user: { id: row.owner.id, email: row.owner.email, name: row.owner.name, role: row.owner.isAdmin ? 'admin' : 'consumer' },
    scopes: effectiveScopes(JSON.parse(row.scopes) as string[], standing),
  };
}
