import { describe, expect, it, vi } from 'vitest';
import { IdpError, idpRequestIdOf, isIdpError } from '@/lib/idp/errors';

// The adapter on globalThis may come from another module graph (the custom
// server's) than the admin routes (Next's bundle): its IdpError is another
// class with the same shape, and must be recognised all the same.

describe('recognising IdP errors across module copies', () => {
  it('recognises this copy’s IdpError', () => {
    const err = new IdpError('not_found', 'Client x does not exist in the IdP', { idpRequestId: 'req-1' });
    expect(isIdpError(err, 'not_found')).toBe(true);
    expect(isIdpError(err, 'conflict')).toBe(false);
    expect(idpRequestIdOf(err)).toBe('req-1');
  });

  it('recognises an IdpError from another copy of the module', async () => {
    vi.resetModules();
    const other = await import('@/lib/idp/errors');
    const err = new other.IdpError('conflict', 'exists', { idpRequestId: 'req-2' });
    expect(err instanceof IdpError).toBe(false);
    expect(isIdpError(err, 'conflict')).toBe(true);
    expect(idpRequestIdOf(err)).toBe('req-2');
  });

  it('ignores everything else', () => {
    expect(isIdpError(new Error('boom'))).toBe(false);
    expect(isIdpError({ name: 'IdpError', code: 'not_found' })).toBe(false);
    expect(isIdpError(Object.assign(new Error('x'), { name: 'IdpError', code: 'not_found' }))).toBe(false);
    expect(isIdpError(undefined)).toBe(false);
    expect(idpRequestIdOf(new Error('boom'))).toBeUndefined();
  });
});
