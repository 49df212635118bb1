import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prisma, prismaOrExit } from './prisma-cli';

// Database commands that work offline (docs/adr/0002-prisma-6-driver-adapters.md):
//   generate      generate the Prisma client into lib/generated/prisma
//   deploy        apply committed migrations to DATABASE_URL
//   new <name>    write a migration for what schema.prisma changed
//   check         fail if the migrations do not produce schema.prisma exactly

const SCHEMA = 'prisma/schema.prisma';

/** Applies the committed migrations to a fresh temporary database and reads its schema back. */
function schemaOfMigrations(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-migrations-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'shadow.db')}` };
  prismaOrExit(['migrate', 'deploy'], env);
  const file = path.join(dir, 'schema.prisma');
  copyFileSync(SCHEMA, file);
  prismaOrExit(['db', 'pull', '--schema', file], env);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function diff(from: string): { status: number; sql: string } {
  const result = prisma(['migrate', 'diff', '--from-schema-datamodel', from, '--to-schema-datamodel', SCHEMA, '--script', '--exit-code']);
  if (result.status === 1) {
    process.stderr.write(result.stdout + result.stderr);
    process.exit(1);
  }
  return { status: result.status, sql: result.stdout };
}

const [command, name] = process.argv.slice(2);

if (command === 'generate') {
  prismaOrExit(['generate']);
  console.log('Generated the Prisma client.');
} else if (command === 'deploy') {
  mkdirSync('.data', { recursive: true });
  process.stdout.write(
    prismaOrExit(['migrate', 'deploy'])
      .split('\n')
      .filter((l) => /migration|applied|No pending/i.test(l))
      .join('\n') + '\n',
  );
} else if (command === 'check') {
  const applied = schemaOfMigrations();
  const { status, sql } = diff(applied.file);
  applied.cleanup();
  if (status === 2) {
    console.error(`prisma/migrations does not match ${SCHEMA}; run \`npm run db:migration -- <name>\`. Missing:\n${sql}`);
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} else if (command === 'new' && name && /^[a-z0-9_]+$/.test(name)) {
  const applied = schemaOfMigrations();
  const { status, sql } = diff(applied.file);
  applied.cleanup();
  if (status === 0) {
    console.log('The schema has no changes to migrate.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = path.join('prisma/migrations', `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'migration.sql'), sql);
    console.log(`Wrote ${folder}/migration.sql:\n${readFileSync(path.join(folder, 'migration.sql'), 'utf8')}`);
  }
} else {
  console.error('usage: tsx scripts/db.ts generate | deploy | check | new <snake_case_name>');
  process.exit(2);
}
