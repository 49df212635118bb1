import { readFile } from 'node:fs/promises';
import { isProductNotice } from '../deprecation';
import { LimitsTable } from './limits-table';
import type { LimitsExport } from './plan-limits';

// Where the data path gets its limits table (docs/adr/0006-plan-limits-in-the-data-path.md):
// polled from the portal's export (`GET <portal>/api/data-path/v1/limits`
// with a bearer token; If-None-Match keeps an unchanged poll to a 304), read
// from a file, or — inside the portal — read from its database. A failed
// refresh keeps the last table: the data path keeps enforcing what it knew.
// Until a first table arrives, no pair has limits (calls are admitted and
// counted).

/** Returns the export, or `unchanged` when it has the version given. */
export type LimitsLoader = (knownVersion: string | undefined) => Promise<LimitsExport | 'unchanged'>;

export interface LimitsSource {
  readonly table: LimitsTable;
  /** When the table last loaded or was confirmed unchanged (ms since the epoch), 0 before that. */
  readonly refreshedAt: number;
  refresh(): Promise<void>;
  /** Polls every `refreshMs` until stopped. */
  start(): void;
  stop(): void;
}

export interface LimitsSourceOptions {
  load: LimitsLoader;
  /** Default 10 s. */
  refreshMs?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export function createLimitsSource(options: LimitsSourceOptions): LimitsSource {
  const now = options.now ?? Date.now;
  let table = LimitsTable.empty;
  let refreshedAt = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;

  async function load(): Promise<void> {
    try {
      const result = await options.load(table === LimitsTable.empty ? undefined : table.version);
      if (result !== 'unchanged') table = new LimitsTable(result.entries, result.version, table, result.notices);
      refreshedAt = now();
    } catch (err) {
      options.onError?.(err);
    }
  }

  function refresh(): Promise<void> {
    // One load at a time; a change announced during a load gets a load of its own after it.
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = load().finally(() => {
      inFlight = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return inFlight;
  }

  return {
    get table() {
      return table;
    },
    get refreshedAt() {
      return refreshedAt;
    },
    refresh,
    start() {
      if (timer) return;
      void refresh();
      timer = setInterval(() => void refresh(), options.refreshMs ?? 10_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** The portal's export over HTTP. */
export function remoteLimitsLoader(url: string, token: string, fetchImpl: typeof fetch = fetch): LimitsLoader {
  return async (knownVersion) => {
    const res = await fetchImpl(url, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(knownVersion && { 'if-none-match': `"${knownVersion}"` }),
      },
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status === 304) return 'unchanged';
    if (!res.ok) throw new Error(`the limits export answered ${res.status}`);
    return parseLimitsExport(await res.json());
  };
}

/** A JSON file in the export's shape (for a data path without a portal to poll). */
export function fileLimitsLoader(path: string): LimitsLoader {
  return async (knownVersion) => {
    const parsed = parseLimitsExport(JSON.parse(await readFile(path, 'utf8')));
    return parsed.version === knownVersion ? 'unchanged' : parsed;
  };
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Checks an export's shape; an entry that does not fit refuses the whole export (the last good table stays). */
export function parseLimitsExport(value: unknown): LimitsExport {
  const v = value as Partial<LimitsExport> | null;
  if (!v || typeof v.version !== 'string' || !Array.isArray(v.entries)) throw new Error('the limits export is not in the expected shape');
  for (const e of v.entries) {
    const ok =
      e &&
      typeof e.clientId === 'string' &&
      typeof e.productId === 'string' &&
      typeof e.plan === 'string' &&
      /^[a-z][a-z0-9-]{0,39}$/.test(e.plan) &&
      typeof e.planName === 'string' &&
      (e.rate === undefined || (isCount(e.rate.limit) && (e.rate.window === 'second' || e.rate.window === 'minute'))) &&
      (e.quota === undefined || (isCount(e.quota.limit) && (e.quota.window === 'day' || e.quota.window === 'month')));
    if (!ok) throw new Error('the limits export holds an entry that is not in the expected shape');
  }
  if (v.notices !== undefined && (!Array.isArray(v.notices) || !v.notices.every(isProductNotice)))
    throw new Error('the limits export holds a product notice that is not in the expected shape');
  return { version: v.version, generatedAt: String(v.generatedAt ?? ''), entries: v.entries, ...(v.notices && { notices: v.notices }) };
}
