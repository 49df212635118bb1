import 'server-only';
import type { Db } from '../db';
import { isDomainError } from '../errors';
import { getVersion, listVersions, type VersionDetail, type VersionSummary } from './versions';

/**
 * The product page's versions: all of them (the changelog), and the one
 * `?version=N` asks for (null: the latest, which is the product's document).
 * A version that does not exist shows the latest, with `missing` set.
 */
export async function shownVersion(
  db: Db,
  ref: string,
  asked: string | undefined,
): Promise<{ versions: VersionSummary[]; shown: VersionDetail | null; missing: boolean }> {
  const versions = await listVersions(db, ref);
  if (asked === undefined) return { versions, shown: null, missing: false };
  const number = /^[1-9]\d{0,8}$/.test(asked) ? Number(asked) : NaN;
  if (Number.isNaN(number) || number === versions[0]?.number) return { versions, shown: null, missing: Number.isNaN(number) };
  try {
    return { versions, shown: await getVersion(db, ref, number), missing: false };
  } catch (err) {
    if (isDomainError(err, 'not_found')) return { versions, shown: null, missing: true };
    throw err;
  }
}
