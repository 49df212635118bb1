import 'server-only';
import { db } from '../db';

export async function readiness(): Promise<Response> {
  try {
    await db().$queryRawUnsafe('SELECT 1');
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json(
      { status: 'unavailable', message: 'The database is not reachable' },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
