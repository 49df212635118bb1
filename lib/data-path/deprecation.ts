import type { ProductNotice } from './limits/plan-limits';

// The headers a deprecated product's responses carry (docs/architecture.md,
// "Product versions"): `Deprecation` as a structured-field date
// (`@<seconds since the epoch>`, RFC 9745) and `Sunset` as an HTTP-date
// (RFC 8594), so a client library or an API linter warns the caller.

/** Header name/value pairs for a notice, ready to add to a response. */
export function deprecationHeaders(notice: ProductNotice): readonly string[] {
  const headers = ['deprecation', `@${Math.floor(notice.deprecatedAt)}`];
  if (notice.sunset) headers.push('sunset', new Date(notice.sunset).toUTCString());
  return headers;
}

/** Whether a value from an export is a notice this data path can use. */
export function isProductNotice(v: unknown): v is ProductNotice {
  const n = v as Partial<ProductNotice> | null;
  return (
    !!n &&
    typeof n.productId === 'string' &&
    typeof n.deprecatedAt === 'number' &&
    Number.isFinite(n.deprecatedAt) &&
    n.deprecatedAt >= 0 &&
    (n.sunset === undefined || (typeof n.sunset === 'string' && !Number.isNaN(Date.parse(n.sunset))))
  );
}
