import 'server-only';
import type { IncomingMessage } from 'node:http';
import { sessionCookieName, userForSessionToken } from '../auth/session-lookup';
import type { Db } from '../db';
import { catalogStamp } from '../products/catalog-stamp';
import type { PageRule, Role } from './page-cache';

// Which pages the page cache keeps (lib/server/page-cache.ts,
// docs/adr/0015-catalog-page-cache.md). A page belongs here only if what its
// server render shows depends on nothing of the reader but their role:
// `e2e/catalog-cache.spec.ts` compares what two readers are sent.

/** Shells change only with the build and the configuration, which a restart brings. */
const SHELL = async () => 'shell';

export function cachedPageRules(db: () => Db): PageRule[] {
  return [
    // Public: the home page, the catalog and its searches, the product pages (app/(catalog)/).
    { path: /^\/(?:apis(?:\/[^/]+)?)?$/, audience: 'everyone', stamp: () => catalogStamp(db()) },
    // My apps and an app's page: the browser fetches the apps (GET /api/apps, /api/apps/<id>).
    { path: /^\/apps(?:\/[^/]+)?$/, audience: 'signed-in', stamp: SHELL },
    // The admin console's front page and lists, whose data the browser fetches from /api/admin/*.
    { path: /^\/admin(?:\/(?:approvals|apps|audit|drift|products|scopes|subscriptions|usage|users))?$/, audience: 'admin', stamp: SHELL },
  ];
}

/** The role of the request's session cookie, or null: the same lookup pages make (lib/auth/session-lookup.ts). */
export function readerRoleOf(db: () => Db, baseUrl: string): (req: IncomingMessage) => Promise<Role | null> {
  const name = sessionCookieName(baseUrl);
  return async (req) => {
    const token = cookieValue(req.headers.cookie, name);
    return token ? ((await userForSessionToken(db(), token))?.role ?? null) : null;
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
