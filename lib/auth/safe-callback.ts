/**
 * Only this portal's own paths may be a post-sign-in destination (no open
 * redirect). Browsers drop tabs and line breaks from URLs, so `/\t/evil.example`
 * would become `//evil.example`; any control character, a backslash (read as
 * a slash) or a second leading slash makes the value fall back to `/`.
 */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || v.length > 2048 || !v.startsWith('/')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(v) || v.startsWith('//')) return '/';
  const parsed = new URL(v, 'http://portal.invalid');
  return parsed.origin === 'http://portal.invalid' ? `${parsed.pathname}${parsed.search}${parsed.hash}` : '/';
}
