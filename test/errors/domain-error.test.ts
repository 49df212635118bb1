import { describe, expect, it, vi } from 'vitest';
import { conflict, DomainError, forbidden, invalid, isDomainError, notFound } from '@/lib/errors';
import { toErrorResponse } from '@/lib/http/api-error';

// lib/ throws domain errors without HTTP; lib/http/api-error.ts alone gives
// them a status and the one JSON error shape.

describe('domain errors at the HTTP edge', () => {
  it.each([
    [notFound('That application'), 404, 'not_found', 'That application was not found'],
    [conflict('Already subscribed'), 409, 'conflict', 'Already subscribed'],
    [invalid('Bad name', { name: 'Too long' }), 400, 'invalid_input', 'Bad name'],
    [forbidden('Only team owners can do this'), 403, 'forbidden', 'Only team owners can do this'],
  ])('%s → %i %s', async (err, status, code, message) => {
    const res = toErrorResponse(err);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect(body.error).toMatchObject({ code, message });
    if (err.fields) expect(body.error.fields).toEqual(err.fields);
  });

  it('recognises a DomainError from another copy of the module', async () => {
    vi.resetModules();
    const other = await import('@/lib/errors');
    const err = other.conflict('exists');
    expect(err instanceof DomainError).toBe(false);
    expect(isDomainError(err, 'conflict')).toBe(true);
    expect(toErrorResponse(err).status).toBe(409);
  });

  it('answers anything unknown with a generic 500 that leaks nothing', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = toErrorResponse(new Error('database password is hunter2'));
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('hunter2');
  });
});
