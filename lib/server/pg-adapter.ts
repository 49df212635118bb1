import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseIntoClientConfig } from 'pg-connection-string';

// @prisma/adapter-pg 6.19 has no column type for PostgreSQL's internal types
// "char" (OID 18) and name (OID 19), which Migrate's catalog queries return
// ("Column type 'name' could not be deserialized", prisma/orm#27403; name is
// mapped from Prisma 7.0 on). pg hands both over as plain strings, so the
// connection reports them as text (OID 25) before the adapter looks.
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function reportAsText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as Array<{ fields?: Array<{ dataTypeID: number }> }>) {
    for (const field of r?.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg's overloads are many; this passes every call through and only touches results.
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof first?.submit === 'function') return (super.query as (...a: unknown[]) => never)(...args);
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => callback(err, err ? res : reportAsText(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    return (super.query as (...a: unknown[]) => Promise<unknown>)(...args).then(reportAsText) as never;
  }
}

// The URL is parsed into fields rather than passed as `connectionString`:
// adapter-pg's connectToShadowDb() (used by `migrate diff --from-migrations`)
// spreads this config with `database: <temporary name>`, and pg lets a
// connectionString override `database`, which sent the "shadow" work into the
// real database.
export function pgAdapter(url: string): PrismaPg {
  return new PrismaPg({ ...parseIntoClientConfig(url), Client: CatalogTextClient, idleTimeoutMillis: 200 });
}
