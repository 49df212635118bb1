import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/http/api-error';
import { readBody, readQuery } from '@/lib/http/route';

// One place refuses text nothing should store: NUL bytes (PostgreSQL refuses
// them; elsewhere they silently cut a name short) and lone surrogates (not
// characters at all), anywhere in a body or a query, before any schema runs.

const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional() });
const post = (raw: string) =>
  new Request('http://localhost/api/x', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });

async function refusal(p: Promise<unknown>) {
  return p.then(
    () => undefined,
    (e: unknown) => e as ApiError,
  );
}

describe('malformed text', () => {
  it.each([
    ['a NUL byte in a name', '{"name":"Route\\u0000planner"}', 'name'],
    ['a lone surrogate in a name', '{"name":"\\ud800"}', 'name'],
    ['a lone surrogate deep in a list', '{"name":"ok","tags":["fine","\\udfff"]}', 'tags.1'],
    ['a NUL byte in a key', '{"na\\u0000me":"x"}', '_key'],
  ])('refuses %s with a 400 naming the field', async (_what, raw, field) => {
    const err = await refusal(readBody(post(raw), schema));
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.status).toBe(400);
    expect(Object.keys(err!.fields ?? {})).toEqual([field]);
  });

  it('accepts real Unicode, emoji included', async () => {
    expect(await readBody(post('{"name":"Übersicht 🚀 \\ud83d\\ude80"}'), schema)).toEqual({ name: 'Übersicht 🚀 🚀' });
  });

  it('refuses a NUL in a query value too', () => {
    expect(() => readQuery(new Request('http://localhost/api/x?q=a%00b'), z.object({ q: z.string() }))).toThrow(ApiError);
  });
});
