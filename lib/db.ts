import 'server-only';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

export type Db = PrismaClient;

// One client per process. The custom server (the embedded IdP) and Next's
// bundles load this module separately, so the instance lives on globalThis.
const globalForDb = globalThis as unknown as { __lanyardDb?: PrismaClient };

export function createDb(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}

export function db(): PrismaClient {
  globalForDb.__lanyardDb ??= createDb(env().DATABASE_URL);
  return globalForDb.__lanyardDb;
}
