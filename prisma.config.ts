import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaLibSQL } from '@prisma/adapter-libsql';

const url = process.env.DATABASE_URL ?? 'file:./.data/lanyard.db'; // = DEFAULT_DATABASE_URL in lib/env.ts

// Migrate runs through Prisma's WASM schema engine and the libSQL driver
// adapter, so no engine binary is ever downloaded (see README, "Database").
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    return new PrismaLibSQL({ url });
  },
});
