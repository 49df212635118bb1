import 'server-only';
import type { Db } from '../db';
import { tryWithLock } from '../locks/with-lock';
import { productSunset } from '../notifications/announce';

// The sunset watch: once an hour, one replica looks for deprecated products
// whose sunset date has come and tells their subscribers (`product.sunset`).
// Each sunset is announced once: JobState remembers the date announced per
// product, so moving the date announces the new one when it comes.

const STATE = 'sunset-watch';
const EVERY_MS = 3_600_000;

/** One pass; returns the product ids it announced. */
export async function announceSunsets(db: Db, now = new Date()): Promise<string[]> {
  const due = await db.apiProduct.findMany({ where: { deprecatedAt: { not: null }, sunsetAt: { lte: now } }, orderBy: { id: 'asc' } });
  const announced: string[] = [];
  for (const product of due) {
    const name = `${STATE}:${product.id}`;
    const value = product.sunsetAt!.toISOString();
    const last = await db.jobState.findUnique({ where: { name } });
    if (last?.value === value) continue;
    await db.jobState.upsert({ where: { name }, create: { name, value }, update: { value } });
    await productSunset(db, product);
    announced.push(product.apiProductId);
  }
  return announced;
}

/** Starts the hourly watch; returns a function that stops it. */
export function startSunsetWatch(db: () => Db): () => void {
  const run = () =>
    void tryWithLock(db(), STATE, () => announceSunsets(db())).catch((err: unknown) => {
      console.error('The sunset check failed (it runs again later):', err instanceof Error ? err.message : err);
    });
  const first = setTimeout(run, 90_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
