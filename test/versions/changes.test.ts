import { describe, expect, it } from 'vitest';
import { diffOpenApi } from '@/lib/versions/changes';

// The changelog between two documents of a product: what a caller of the old
// one would notice. Breaking: a removed operation, a newly required parameter
// or request body, a narrowed enum. Everything else is listed but not breaking.

type Doc = Record<string, unknown>;
const doc = (paths: Doc, components: Doc = {}): Doc => ({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components });
const ok = { responses: { '200': { description: 'OK' } } };
const param = (name: string, extra: Doc = {}) => ({ name, in: 'query', schema: { type: 'string' }, ...extra });

describe('diffOpenApi', () => {
  it('finds nothing between equal documents', () => {
    const d = doc({ '/a': { get: ok } });
    expect(diffOpenApi(d, structuredClone(d))).toEqual({ added: [], removed: [], changed: [], breaking: [] });
  });

  it('lists added operations as not breaking and removed ones as breaking', () => {
    const s = diffOpenApi(doc({ '/a': { get: ok, delete: ok } }), doc({ '/a': { get: ok }, '/b': { post: ok } }));
    expect(s.added).toEqual([{ method: 'POST', path: '/b' }]);
    expect(s.removed).toEqual([{ method: 'DELETE', path: '/a' }]);
    expect(s.breaking).toEqual([{ method: 'DELETE', path: '/a', kind: 'operation_removed', detail: 'DELETE /a was removed' }]);
  });

  it('a new optional parameter is a change; a new required one, or one made required, breaks', () => {
    const before = doc({ '/a': { get: { ...ok, parameters: [param('q')] } } });
    const optional = diffOpenApi(before, doc({ '/a': { get: { ...ok, parameters: [param('q'), param('page')] } } }));
    expect(optional.breaking).toEqual([]);
    expect(optional.changed[0]?.notes).toEqual(['new optional parameter query:page']);
    const required = diffOpenApi(
      before,
      doc({ '/a': { get: { ...ok, parameters: [param('q', { required: true }), param('key', { in: 'header', required: true })] } } }),
    );
    expect(required.breaking.map((b) => b.detail)).toEqual(['parameter query:q is now required', 'new required parameter header:key']);
  });

  it('follows $refs to shared parameters and schemas', () => {
    const components = (values: string[]) => ({
      parameters: { Level: { name: 'level', in: 'query', schema: { $ref: '#/components/schemas/Level' } } },
      schemas: { Level: { type: 'string', enum: values } },
    });
    const op = { get: { ...ok, parameters: [{ $ref: '#/components/parameters/Level' }] } };
    const s = diffOpenApi(doc({ '/a': op }, components(['a', 'b', 'c'])), doc({ '/a': op }, components(['a', 'c'])));
    expect(s.breaking).toEqual([expect.objectContaining({ kind: 'enum_narrowed', detail: 'parameter query:level no longer accepts "b"' })]);
    const widened = diffOpenApi(doc({ '/a': op }, components(['a'])), doc({ '/a': op }, components(['a', 'z'])));
    expect(widened.breaking).toEqual([]);
    expect(widened.changed[0]?.notes).toEqual(['parameter query:level accepts other values']);
  });

  it('an enum on a parameter that took any value narrows it', () => {
    const s = diffOpenApi(
      doc({ '/a': { get: { ...ok, parameters: [param('q')] } } }),
      doc({ '/a': { get: { ...ok, parameters: [param('q', { schema: { type: 'string', enum: ['x'] } })] } } }),
    );
    expect(s.breaking[0]?.kind).toBe('enum_narrowed');
  });

  it('a request body made required, or a body field’s enum narrowed, breaks', () => {
    const body = (required: boolean, values: string[]) => ({
      post: {
        ...ok,
        requestBody: {
          required,
          content: { 'application/json': { schema: { type: 'object', properties: { kind: { type: 'string', enum: values } } } } },
        },
      },
    });
    const s = diffOpenApi(doc({ '/a': body(false, ['x', 'y']) }), doc({ '/a': body(true, ['x']) }));
    expect(s.breaking.map((b) => b.kind)).toEqual(['request_body_required', 'enum_narrowed']);
  });
});
