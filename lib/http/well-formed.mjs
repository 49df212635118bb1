// Text no part of the portal stores or passes on: a NUL byte (PostgreSQL
// refuses it, C-based tools and SQLite's text functions stop at it, so a name
// would silently lose its end) and a lone UTF-16 surrogate (not a character:
// it cannot be encoded as UTF-8 and breaks JSON elsewhere). Every request
// body and query is checked for them once, in readBody/readQuery, and an
// uploaded document's body in the OpenAPI check's worker (lib/products/
// openapi-worker.mjs): plain JavaScript so that it runs there too. Types:
// well-formed.d.mts.

const NUL = '\u0000';

/** The path of the first string (or key) in `value` that is not well-formed text, or undefined. */
export function malformedTextPath(value, path = [], depth = 0) {
  if (depth > 64) return path.join('.') || '_';
  if (typeof value === 'string') return value.includes(NUL) || !value.isWellFormed() ? path.join('.') || '_' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = malformedTextPath(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(NUL) || !key.isWellFormed()) return [...path, '_key'].join('.');
      const found = malformedTextPath(child, [...path, key], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
