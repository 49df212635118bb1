import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { isPostgresUrl } from './lib/db-url';
import { pgAdapter } from './lib/server/pg-adapter';

const url = process.env.DATABASE_URL ?? 'file:./.data/lanyard.db'; // = DEFAULT_DATABASE_URL in lib/env.ts
const postgres = isPostgresUrl(url);

// Migrate runs through Prisma's WASM schema engine and the libSQL driver
// adapter, so no engine binary is ever downloaded (docs/adr/0002-prisma-6-driver-adapters.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', postgres ? 'schema.postgresql.prisma' : 'schema.prisma'),
  migrations: { path: path.join('prisma', postgres ? 'migrations-postgresql' : 'migrations') },
  async adapter() {
    return postgres ? pgAdapter(url) : new PrismaLibSQL({ url });
  },
});
