import 'server-only';
import type { z } from 'zod';
import type { Db } from '../db';
import { DATA_PATH_API } from '../data-path/metering-settings';
import { exportLimits } from '../plans/limits-export';
import { bearerChecker } from '../spi-http/auth';
import { ingestUsage } from './ingest-usage';
import { usageBatchSchema } from './schemas';
import type { UsageRetention } from './settings';

// The portal's API for standalone data-path processes (docs/adr/0006-plan-limits-in-the-data-path.md),
// a bearer credential away (LANYARD_DATA_PATH_TOKEN), served by server.ts
// beside the pages:
//   GET  /api/data-path/v1/limits  the limits table; ETag, and 304 for If-None-Match
//   POST /api/data-path/v1/usage   {rows: [...]}: at most 2,000 minute rows → 204
// Errors use the portal's one shape, {error: {code, message, fields?}}.

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface DataPathApiOptions {
  db: () => Db;
  token: string;
  retention?: UsageRetention;
  /** Counts what the API served, for /metrics. */
  onServed?: (what: 'limits' | 'limits_unchanged' | 'usage', rows?: number) => void;
}

export type DataPathApiHandler = ((req: Request) => Promise<Response>) & { owns(pathname: string): boolean };

const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}) =>
  Response.json({ error: { code, message, ...extra } }, { status, headers: { 'cache-control': 'no-store', ...headers } });

function fieldsOf(err: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues.slice(0, 20)) fields[issue.path.join('.') || '(body)'] ??= issue.message;
  return fields;
}

async function readJson(req: Request): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new RangeError('too large');
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('too large');
    chunks.push(next.value);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function createDataPathApiHandler(options: DataPathApiOptions): DataPathApiHandler {
  const check = bearerChecker(options.token);
  const limitsPath = `${DATA_PATH_API}/limits`;
  const usagePath = `${DATA_PATH_API}/usage`;

  async function handle(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    const auth = check(req.headers.get('authorization'));
    if (auth !== 'ok') {
      return error(
        401,
        'unauthenticated',
        'Send the data path’s bearer credential (LANYARD_DATA_PATH_TOKEN)',
        {},
        {
          'www-authenticate':
            auth === 'missing' ? 'Bearer realm="lanyard-data-path"' : 'Bearer realm="lanyard-data-path", error="invalid_token"',
        },
      );
    }
    if (pathname === limitsPath) {
      if (req.method !== 'GET') return error(405, 'method_not_allowed', 'Use GET', {}, { allow: 'GET' });
      const exported = await exportLimits(options.db());
      const etag = `"${exported.version}"`;
      if (req.headers.get('if-none-match') === etag) {
        options.onServed?.('limits_unchanged');
        return new Response(null, { status: 304, headers: { etag, 'cache-control': 'no-cache' } });
      }
      options.onServed?.('limits');
      return Response.json(exported, { headers: { etag, 'cache-control': 'no-cache' } });
    }
    if (pathname === usagePath) {
      if (req.method !== 'POST') return error(405, 'method_not_allowed', 'Use POST', {}, { allow: 'POST' });
      if ((req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
        return error(415, 'invalid_input', 'Send the rows as JSON, with Content-Type: application/json');
      }
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (err) {
        return err instanceof RangeError
          ? error(413, 'invalid_input', `A batch may be at most ${MAX_BODY_BYTES} bytes; send fewer rows at a time`)
          : error(400, 'invalid_input', 'The request body is not valid JSON');
      }
      const parsed = usageBatchSchema.safeParse(body);
      if (!parsed.success)
        return error(400, 'invalid_input', 'The usage batch is not valid; nothing was written', { fields: fieldsOf(parsed.error) });
      await ingestUsage(options.db(), parsed.data.rows, options.retention);
      options.onServed?.('usage', parsed.data.rows.length);
      return new Response(null, { status: 204 });
    }
    return error(404, 'not_found', 'No such data-path endpoint');
  }

  return Object.assign(
    async (req: Request) => {
      try {
        return await handle(req);
      } catch (err) {
        console.error('[data-path api] failed:', err);
        return error(500, 'internal', 'The request could not be completed; see the portal log');
      }
    },
    { owns: (pathname: string) => pathname === DATA_PATH_API || pathname.startsWith(`${DATA_PATH_API}/`) },
  );
}
