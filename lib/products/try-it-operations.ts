// The operations the try-it console offers: each path and method of the
// product's OpenAPI document, with path parameters filled from their examples
// where the document gives one, and the gateway URL it is called through.

export interface TryItOperation {
  method: string;
  path: string;
  summary: string;
}

type Param = { in?: string; name?: string; example?: unknown; schema?: { example?: unknown; default?: unknown } };
type Operation = { summary?: string; operationId?: string; parameters?: Param[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function tryItOperations(openapi: Record<string, unknown>): TryItOperation[] {
  const paths = (openapi.paths ?? {}) as Record<string, Record<string, Operation> & { parameters?: Param[] }>;
  const ops: TryItOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
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
