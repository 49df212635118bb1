import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { ApiError } from '../http/api-error';

// Idempotency-Key on creates (docs/adr/0011-automation-tokens-api-cli-versions.md),
// so a retried CI step does not publish twice. Keys belong to the token's
// owner. The first request with a key claims it (a row with status 0), runs,
// and stores its response; a retry with the same body gets that response back
// (with `Idempotency-Replayed: true`); the same key with another request is a
// 422; a retry while the first still runs is a 409. A 5xx is not stored, so a
// failed attempt can be retried for real. Keys are kept for a day.

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

export async function withIdempotency(
  db: Db,
  ownerId: string,
  key: string,
  route: string,
  body: string,
  run: () => Promise<Response>,
  now = new Date(),
): Promise<Response> {
  if (!KEY_SHAPE.test(key)) throw new ApiError(400, 'invalid_input', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
  const requestHash = createHash('sha256').update(route).update('\n').update(body).digest('hex');
  const id = { ownerId_key: { ownerId, key } };
  const existing = await db.idempotencyKey.findUnique({ where: id });
  if (existing && now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_TTL_MS) {
    await db.idempotencyKey.deleteMany({ where: { ownerId, key, createdAt: existing.createdAt } });
  } else if (existing) {
    return replay(existing);
  }
  try {
    await db.idempotencyKey.create({ data: { ownerId, key, route, requestHash, status: 0 } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await db.idempotencyKey.findUnique({ where: id });
    if (!raced) throw err;
    return replay(raced);
  }
  let response: Response;
  try {
    response = await run();
  } catch (err) {
    await db.idempotencyKey.deleteMany({ where: { ownerId, key } });
    throw err;
  }
  if (response.status >= 500) {
    await db.idempotencyKey.deleteMany({ where: { ownerId, key } });
    return response;
  }
  const text = await response.clone().text();
  await db.idempotencyKey.update({ where: id, data: { status: response.status, response: text } });
  return response;

  function replay(row: { route: string; requestHash: string; status: number; response: string }): Response {
    if (row.route !== route || row.requestHash !== requestHash)
      throw new ApiError(422, 'invalid_input', 'This Idempotency-Key was used for a different request; use a new key for a new request');
    if (row.status === 0) throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is still running; retry shortly');
    return new Response(row.response, {
      status: row.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'idempotency-replayed': 'true' },
    });
  }
}
