import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The container image keeps production dependencies only (npm prune
// --omit=dev, see Dockerfile). Everything the running portal loads through
// Node itself (server.ts, the start-up scripts, lib/) must therefore import
// only packages listed under "dependencies". Type-only imports vanish at
// run time and do not count.

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const RUNTIME_ENTRIES = [
  'server.ts',
  'scripts/start.ts',
  'scripts/db.ts',
  'scripts/seed.ts',
  'scripts/pg-migrate.ts',
  'scripts/sqlite-migrate.ts',
  'scripts/admin-create.ts',
  'scripts/keys-rotate.ts',
  'scripts/reconcile.ts',
  'scripts/authz.ts',
  'scripts/build-if-changed.ts',
  'scripts/node',
];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => files(path.join(entry, name)));
}

const sources = [...RUNTIME_ENTRIES, 'lib']
  .flatMap(files)
  .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`) && !f.endsWith('.d.ts'));

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const builtin = new Set(builtinModules);

describe('the production image', () => {
  it('runs on "dependencies" alone', () => {
    const missing = new Set<string>();
    for (const file of sources) {
      const source = readFileSync(file, 'utf8');
      for (const [, typeOnly, spec, dynamic] of source.matchAll(IMPORT)) {
        const name = spec ?? dynamic;
        if (!name || typeOnly || name.startsWith('.') || name.startsWith('@/') || name.startsWith('node:')) continue;
        const p = packageOf(name);
        if (builtin.has(p) || pkg.dependencies[p]) continue;
        missing.add(`${p} (imported by ${path.relative(ROOT, file)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
