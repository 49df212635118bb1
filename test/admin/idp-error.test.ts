import { describe, expect, it, vi } from 'vitest';
import { idpErrorCode, idpRequestIdOf, isIdpErrorCode } from '@/lib/admin/idp-error';
import { IdpError } from '@/lib/idp/errors';

// The adapter on globalThis may come from another module graph (the custom
// server's) than the admin routes (Next's bundle): its IdpError is another
// class with the same shape, and must be recognised all the same.

describe('recognising IdP errors across module copies', () => {
  it('recognises this copy’s IdpError', () => {
    const err = new IdpError('not_found', 'Client x does not exist in the IdP', { idpRequestId: 'req-1' });
    expect(idpErrorCode(err)).toBe('not_found');
    expect(isIdpErrorCode(err, 'not_found')).toBe(true);
    expect(idpRequestIdOf(err)).toBe('req-1');
  });

  it('recognises an IdpError from another copy of the module', async () => {
    vi.resetModules();
    const other = await import('@/lib/idp/errors');
    const err = new other.IdpError('conflict', 'exists', { idpRequestId: 'req-2' });
    expect(err instanceof IdpError).toBe(false);
    expect(isIdpErrorCode(err, 'conflict')).toBe(true);
    expect(idpRequestIdOf(err)).toBe('req-2');
  });

  it('ignores everything else', () => {
    expect(idpErrorCode(new Error('boom'))).toBeUndefined();
    expect(idpErrorCode({ name: 'IdpError', code: 'not_found' })).toBeUndefined();
    expect(idpErrorCode(Object.assign(new Error('x'), { name: 'IdpError', code: 'not_found' }))).toBeUndefined();
    expect(idpErrorCode(undefined)).toBeUndefined();
  });
});
