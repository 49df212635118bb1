import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/safe-callback';

// Where sign-in may send someone afterwards: this portal's own paths only.

describe('safeCallbackPath', () => {
  it.each([
    ['/\t/evil.example/', 'a tab the browser would drop, leaving //evil.example'],
    ['/\r\n/evil.example', 'a line break'],
    ['/\\evil.example', 'a backslash, read as a slash'],
    ['//evil.example', 'a protocol-relative URL'],
    ['https://evil.example/', 'an absolute URL'],
    ['apps', 'a relative path'],
    ['/\u0000apps', 'a NUL byte'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (value) => {
    expect(safeCallbackPath(value)).toBe('/');
  });

  it('keeps the portal’s own paths with their query and fragment', () => {
    expect(safeCallbackPath('/apps/123?tab=keys#secrets')).toBe('/apps/123?tab=keys#secrets');
    expect(safeCallbackPath(['/teams', '/ignored'])).toBe('/teams');
  });
});
