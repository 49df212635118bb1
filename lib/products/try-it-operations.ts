// The operations the try-it console offers: each path and method of the
// product's OpenAPI document, with path parameters filled from their examples
// where the document gives one, and the gateway URL it is called through.

export interface TryItOperation {
  method: string;
  path: string;
  summary: string;
}

type Param = { $ref?: string; in?: string; name?: string; example?: unknown; schema?: { example?: unknown; default?: unknown } };
type Operation = { summary?: string; operationId?: string; parameters?: Param[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A parameter given as a local `$ref` (#/components/parameters/…, as big documents do), looked up in the document. */
function resolveParam(openapi: Record<string, unknown>, param: Param): Param {
  if (typeof param.$ref !== 'string' || !param.$ref.startsWith('#/')) return param;
  let node: unknown = openapi;
  for (const raw of param.$ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node && typeof node === 'object' ? (node as Param) : param;
}

export function tryItOperations(openapi: Record<string, unknown>): TryItOperation[] {
  const paths = (openapi.paths ?? {}) as Record<string, Record<string, Operation> & { parameters?: Param[] }>;
  const ops: TryItOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolveParam(openapi, p));
      const filled = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const p = params.find((x) => x.in === 'path' && x.name === name);
        const example = p?.example ?? p?.schema?.example ?? p?.schema?.default;
        return example === undefined ? whole : encodeURIComponent(String(example));
      });
      ops.push({ method: method.toUpperCase(), path: filled, summary: op.summary ?? op.operationId ?? '' });
    }
  }
  return ops;
}

/** The first server URL of the document (the gateway route for the product). */
export function gatewayBase(openapi: Record<string, unknown>): string | undefined {
  const servers = openapi.servers as { url?: string }[] | undefined;
  return servers?.[0]?.url;
}
