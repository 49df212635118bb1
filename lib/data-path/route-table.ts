// The gateway's route map: which API product a request path belongs to.
// The longest matching prefix wins, and a prefix matches only at a path
// segment boundary (`/tracks` matches `/tracks` and `/tracks/c_0`, not
// `/tracksuit`). Query strings are ignored. A path the router could read
// differently from a prefix match (dot segments, `//`, backslashes, encoded
// `/` or `.`) matches nothing, so `/tracks/../petstore` can never borrow the
// tracks product's decision; put Envoy's `normalize_path` and
// `merge_slashes` in front to turn such paths into plain ones first.

export type RouteMap = Readonly<Record<string, string>>;

export interface RouteTable {
  /** The product id for a path (which may carry a query string), or undefined. */
  productFor(path: string): string | undefined;
  /** The matched prefix and the rest of the path, for proxies that strip it. */
  match(path: string): { prefix: string; productId: string; rest: string } | undefined;
}

const AMBIGUOUS = /(^|\/)\.\.?(\/|$)|\/\/|\\|%2[ef]|%5c/i;

export function routeTable(routes: RouteMap): RouteTable {
  const entries = Object.entries(routes)
    .map(([prefix, productId]) => [prefix === '/' ? '' : prefix.replace(/\/+$/, ''), productId] as const)
    .sort((a, b) => b[0].length - a[0].length);

  function match(path: string) {
    const query = path.search(/[?#]/);
    if (AMBIGUOUS.test(query === -1 ? path : path.slice(0, query))) return undefined;
    for (const [prefix, productId] of entries) {
      if (!path.startsWith(prefix)) continue;
      const next = path.charCodeAt(prefix.length);
      // end of path, '/', '?' or '#'
      if (Number.isNaN(next) || next === 47 || next === 63 || next === 35) {
        return { prefix, productId, rest: path.slice(prefix.length) };
      }
    }
    return undefined;
  }

  return {
    productFor: (path) => match(path)?.productId,
    match,
  };
}
