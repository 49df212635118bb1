import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toOpenApiPath, V1_OPENAPI } from '@/lib/api-v1/openapi-document';
import { V1_ROUTES } from '@/lib/api-v1/route-table';

// Every /api/v1 route has a scope: a route file (or a method in one) that is
// missing from lib/api-v1/route-table.ts fails here, before it can ship.

const ROOT = path.resolve(__dirname, '../..');
const V1_DIR = path.join(ROOT, 'app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

describe('the /api/v1 route table', () => {
  const files = routeFiles(V1_DIR);

  it('finds the route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: every method it exports has a scope in the table', async (_, file) => {
    const routePath = `/${path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep).join('/')}`;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const exported = METHODS.filter((m) => typeof mod[m] === 'function');
    expect(exported.length).toBeGreaterThan(0);
    for (const method of exported) {
      expect(V1_ROUTES[routePath]?.[method as 'GET'], `${method} ${routePath} needs an entry in lib/api-v1/route-table.ts`).toBeDefined();
    }
  });

  it('has no entry without a route file, and the OpenAPI document has each with its scope', () => {
    const onDisk = new Set(files.map((f) => `/${path.relative(path.join(ROOT, 'app'), path.dirname(f)).split(path.sep).join('/')}`));
    for (const [routePath, methods] of Object.entries(V1_ROUTES)) {
      expect(onDisk.has(routePath), `${routePath} is in the table but has no route file`).toBe(true);
      for (const [method, requirement] of Object.entries(methods)) {
        const op = (V1_OPENAPI.paths as Record<string, Record<string, Record<string, unknown>>>)[toOpenApiPath(routePath)]?.[
          method.toLowerCase()
        ];
        expect(op, `${method} ${routePath} in the document`).toBeDefined();
        expect(op?.['x-lanyard-scope']).toBe(requirement.scope ?? undefined);
      }
    }
  });
});
