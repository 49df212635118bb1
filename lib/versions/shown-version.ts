import 'server-only';
import type { Db } from '../db';
import { versionsOf, type VersionSummary } from './versions';

/**
 * The product page's versions: all of them (the changelog), and the one
 * `?version=N` asks for (null: the latest, which is the product's document).
 * A version that does not exist shows the latest, with `missing` set. The
 * page's renderer fetches the shown version's document itself
 * (/apis/<slug>/openapi.json?version=N), so none is read here.
 */
export async function shownVersion(
  db: Db,
  product: { id: string },
  asked: string | undefined,
): Promise<{ versions: VersionSummary[]; shown: VersionSummary | null; missing: boolean }> {
  const versions = await versionsOf(db, product);
  if (asked === undefined) return { versions, shown: null, missing: false };
  const number = /^[1-9]\d{0,8}$/.test(asked) ? Number(asked) : NaN;
  if (number === versions[0]?.number) return { versions, shown: null, missing: false };
  const shown = versions.find((v) => v.number === number) ?? null;
  return { versions, shown, missing: !shown };
}
