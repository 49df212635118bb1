// The access token from an `Authorization: Bearer <token>` header
// (RFC 6750 §2.1; the scheme name is case-insensitive, RFC 9110 §11.1).
// Returns undefined when the header carries no bearer credentials at all,
// and '' when it says Bearer but holds no token.

export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.length < 6) return undefined;
  if (!authorization.startsWith('Bearer') && authorization.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  if (authorization.length === 6) return '';
  if (authorization.charCodeAt(6) !== 32) return undefined;
  let start = 7;
  while (authorization.charCodeAt(start) === 32) start += 1;
  let end = authorization.length;
  while (end > start && authorization.charCodeAt(end - 1) === 32) end -= 1;
  return start === 7 && end === authorization.length ? authorization.slice(7) : authorization.slice(start, end);
}
