// The OpenAPI documents the benchmarks generate (npm run bench:portal, bench:renderers).

const METHODS = ['get', 'post'] as const;

/** A generated OpenAPI 3 document: `paths` paths × 2 operations, about 1.7 KB per path. */
export function generatedDocument(n: number, server: string, paths = 60): string {
  const name = `Bench API ${String(n).padStart(4, '0')}`;
  const doc = {
    openapi: '3.0.3',
    info: { title: name, version: '1.0.0', description: `Generated for the portal benchmark: ${name}.` },
    servers: [{ url: server }],
    tags: [
      { name: `area-${n % 10}`, description: 'Generated area' },
      { name: `domain-${n % 7}`, description: 'Generated domain' },
    ],
    paths: Object.fromEntries(
      Array.from({ length: paths }, (_, p) => [
        `/resources-${p}/{id}`,
        Object.fromEntries(
          METHODS.map((method) => [
            method,
            {
              operationId: `${method}Resource${p}`,
              summary: `${method === 'get' ? 'Read' : 'Update'} resource ${p} of ${name}`,
              description: `The ${method === 'get' ? 'current state' : 'new state'} of resource ${p}, item by item. `.repeat(3),
              tags: [`area-${n % 10}`, `domain-${n % 7}`],
              parameters: [
                { name: 'id', in: 'path', required: true, schema: { type: 'string', example: 'abc123' } },
                { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
              ],
              ...(method === 'post' && {
                requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Resource' } } } },
              }),
              responses: {
                '200': {
                  description: 'The resource',
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Resource' } } },
                },
                '404': {
                  description: 'No such resource',
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
                },
              },
            },
          ]),
        ),
      ]),
    ),
    components: {
      schemas: {
        Resource: {
          type: 'object',
          required: ['id', 'name'],
          properties: {
            id: { type: 'string', pattern: '^[a-z0-9]+$' },
            name: { type: 'string', maxLength: 200 },
            tags: { type: 'array', items: { type: 'string' } },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        Error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  };
  return JSON.stringify(doc);
}
