import type { Org } from './org';

// The management API as a table of (method, path pattern, handler). Handlers
// answer with a Reply or throw an OktaHttpError.

export interface Call {
  org: Org;
  url: URL;
  /** The pattern's capture groups, in order. */
  params: string[];
  origin: string;
  /** The most items one page of a list may hold (tests lower it to exercise `Link: rel="next"`). */
  maxPageSize: number;
  json(): Promise<Record<string, unknown>>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = [method: string, pattern: RegExp, handler: (call: Call) => Reply | Promise<Reply>];

/** The matching handler, 'method' when only the method is wrong, undefined for an unknown path. */
export function findRoute(routes: Route[], method: string, path: string): { handler: Route[2]; params: string[] } | 'method' | undefined {
  let pathKnown = false;
  for (const [m, pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (m === method) return { handler, params: match.slice(1).map(decodeURIComponent) };
    pathKnown = true;
  }
  return pathKnown ? 'method' : undefined;
}
