import { TOKEN_SCOPES } from '../access-tokens/scopes';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination';
import { V1_ROUTES, type V1Method } from './route-table';

// The OpenAPI document of /api/v1, served at /api/v1/openapi.json and
// published in the catalog as the `lanyard` product (lib/seed/). Hand-written
// next to the handlers; its paths and each operation's scope come from the
// route table, and test/api-v1/ validates every response the tests get
// against it, so it cannot drift from what the API answers.

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties), extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const page = (item: string): Schema =>
  obj({
    items: { type: 'array', items: ref(item) },
    nextCursor: { ...nullableStr, description: 'Pass as ?cursor= for the next page; null on the last.' },
  });

const operationRef = obj({ method: str, path: str });
const changeSummary = obj({
  added: { type: 'array', items: operationRef },
  removed: { type: 'array', items: operationRef },
  changed: { type: 'array', items: obj({ method: str, path: str, notes: { type: 'array', items: str } }) },
  breaking: {
    type: 'array',
    items: obj({
      method: str,
      path: str,
      kind: { enum: ['operation_removed', 'parameter_required', 'request_body_required', 'enum_narrowed'] },
      detail: str,
    }),
  },
});
const version = obj({
  number: { type: 'integer', minimum: 1 },
  version: str,
  createdAt: dateTime,
  breaking: { type: 'boolean' },
  changes: ref('ChangeSummary'),
});
const driftReport = obj(
  { checkedAt: dateTime, idp: str, clean: { type: 'boolean' }, issues: { type: 'integer' } },
  ['checkedAt', 'idp', 'clean', 'issues'],
  { description: 'What the portal and the IdP disagree on (see the admin drift page); lists per kind of disagreement.' },
);

const schemas: Record<string, Schema> = {
  Error: obj({
    error: obj(
      {
        code: str,
        message: str,
        fields: { type: 'object', additionalProperties: str },
        idpRequestId: str,
      },
      ['code', 'message'],
    ),
  }),
  Product: obj({
    id: { ...str, description: 'The API product id: the OAuth scope.' },
    slug: str,
    name: str,
    description: str,
    version: str,
    approvalRequired: { type: 'boolean' },
    scope: nullableStr,
    operationCount: { type: 'integer' },
    deprecated: { type: 'boolean' },
    deprecatedAt: { type: ['string', 'null'], format: 'date-time' },
    sunset: { type: ['string', 'null'], format: 'date' },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  ProductPage: page('Product'),
  ChangeSummary: changeSummary,
  Version: version,
  VersionPage: page('Version'),
  VersionDetail: { allOf: [ref('Version'), obj({ openapi: { type: 'object' } })] },
  PublishResult: obj({ product: ref('Product'), version: { oneOf: [ref('Version'), { type: 'null' }] } }),
  App: obj({
    id: str,
    name: str,
    description: str,
    type: { enum: ['service', 'web', 'spa', 'native'] },
    clientId: nullableStr,
    ownerTeamId: nullableStr,
    subscriptions: { type: 'array', items: obj({ product: str, status: { enum: ['pending', 'approved', 'rejected'] } }) },
    createdAt: dateTime,
  }),
  AppPage: page('App'),
  CreatedApp: obj({ id: str, type: str, clientId: str, clientSecret: { ...str, description: 'Shown once.' } }, ['id', 'type', 'clientId']),
  Subscription: obj({
    id: str,
    status: { enum: ['pending', 'approved', 'rejected'] },
    app: obj({ id: str, name: str }),
    product: str,
    plan: nullableStr,
    reason: nullableStr,
    createdAt: dateTime,
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
  }),
  SubscriptionPage: page('Subscription'),
  Decision: obj({ id: str, status: str, reason: nullableStr, decidedAt: nullableStr, planId: nullableStr }),
  AuditEvent: obj({
    id: str,
    at: dateTime,
    actor: str,
    action: str,
    targetType: str,
    targetId: str,
    outcome: { enum: ['success', 'failure', 'denied'] },
    idpRequestId: nullableStr,
    detail: { type: ['object', 'null'] },
  }),
  AuditPage: page('AuditEvent'),
  DriftReport: driftReport,
  ReconcileResult: obj(
    {
      dryRun: { type: 'boolean' },
      ok: { type: 'boolean' },
      actions: {
        type: 'array',
        items: obj(
          { kind: str, target: str, summary: str, status: { enum: ['planned', 'done', 'failed', 'skipped'] }, note: str, error: str },
          ['kind', 'target', 'summary', 'status'],
        ),
      },
      before: ref('DriftReport'),
      after: ref('DriftReport'),
    },
    ['dryRun', 'ok', 'actions', 'before'],
  ),
};

const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
const openapiBody = {
  required: true,
  description: 'The OpenAPI 3 document, as JSON or YAML (at most 2 MB; only local $refs).',
  content: { 'application/yaml': { schema: str }, 'application/json': { schema: { type: 'object' } } },
};
const cursorParams = [
  { name: 'cursor', in: 'query', schema: str, description: 'nextCursor of the previous page.' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
];
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  schema: { type: 'string', maxLength: 200 },
  description:
    'A retry with the same key and body gets the first response back (Idempotency-Replayed: true); the same key with another body is a 422. Kept for a day.',
};

interface Op {
  summary: string;
  operationId: string;
  ok: [number, Schema];
  parameters?: Schema[];
  requestBody?: Schema;
}

const idParam = { name: 'id', in: 'path', required: true, schema: str, description: 'The product id (URL-encoded), slug or row id.' };
const OPERATIONS: Record<string, Partial<Record<V1Method, Op>>> = {
  '/api/v1/openapi.json': { GET: { summary: 'This document', operationId: 'getOpenApi', ok: [200, { type: 'object' }] } },
  '/api/v1/products': {
    GET: { summary: 'List products', operationId: 'listProducts', ok: [200, ref('ProductPage')], parameters: cursorParams },
    POST: {
      summary: 'Publish a product from its OpenAPI document',
      operationId: 'publishProduct',
      ok: [201, ref('PublishResult')],
      parameters: [
        { name: 'id', in: 'query', required: true, schema: str, description: 'The API product id (becomes the OAuth scope).' },
        { name: 'approval', in: 'query', schema: { enum: ['true', 'false'] }, description: 'Subscriptions need an admin’s approval.' },
        { name: 'name', in: 'query', schema: str, description: 'Default: the document’s info.title.' },
        { name: 'description', in: 'query', schema: str, description: 'Default: the document’s info.description.' },
        idempotencyKey,
      ],
      requestBody: openapiBody,
    },
  },
  '/api/v1/products/{id}': {
    GET: { summary: 'Get a product', operationId: 'getProduct', ok: [200, ref('Product')], parameters: [idParam] },
    PATCH: {
      summary: 'Change catalog fields',
      operationId: 'patchProduct',
      ok: [200, ref('Product')],
      parameters: [idParam],
      requestBody: {
        required: true,
        ...json(obj({ name: str, description: str, approvalRequired: { type: 'boolean' } }, [], { additionalProperties: false })),
      },
    },
  },
  '/api/v1/products/{id}/openapi': {
    PUT: {
      summary: 'Publish a new OpenAPI document for a product (a new version)',
      operationId: 'republishProduct',
      ok: [200, ref('PublishResult')],
      parameters: [idParam, { name: 'approval', in: 'query', schema: { enum: ['true', 'false'] } }],
      requestBody: openapiBody,
    },
  },
  '/api/v1/products/{id}/versions': {
    GET: {
      summary: 'The changelog: every version, newest first',
      operationId: 'listVersions',
      ok: [200, ref('VersionPage')],
      parameters: [idParam],
    },
  },
  '/api/v1/products/{id}/versions/{number}': {
    GET: {
      summary: 'One version, with its document',
      operationId: 'getVersion',
      ok: [200, ref('VersionDetail')],
      parameters: [idParam, { name: 'number', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
    },
  },
  '/api/v1/products/{id}/deprecation': {
    PUT: {
      summary: 'Deprecate a product with a sunset date',
      operationId: 'deprecateProduct',
      ok: [200, ref('Product')],
      parameters: [idParam],
      requestBody: { required: true, ...json(obj({ sunset: { type: 'string', format: 'date', examples: ['2027-06-30'] } })) },
    },
    DELETE: { summary: 'Take a deprecation back', operationId: 'undeprecateProduct', ok: [200, ref('Product')], parameters: [idParam] },
  },
  '/api/v1/apps': {
    GET: { summary: 'Your applications', operationId: 'listApps', ok: [200, ref('AppPage')], parameters: cursorParams },
    POST: {
      summary: 'Create an application (its client secret is in this response only)',
      operationId: 'createApp',
      ok: [201, ref('CreatedApp')],
      parameters: [idempotencyKey],
      requestBody: {
        required: true,
        ...json(
          obj(
            {
              name: str,
              description: str,
              ownerTeamId: nullableStr,
              type: { enum: ['service', 'web', 'spa', 'native'] },
              redirectUris: { type: 'array', items: str },
            },
            ['name'],
          ),
        ),
      },
    },
  },
  '/api/v1/apps/{id}': {
    GET: {
      summary: 'One of your applications',
      operationId: 'getApp',
      ok: [200, ref('App')],
      parameters: [{ ...idParam, description: 'The application id.' }],
    },
  },
  '/api/v1/subscriptions': {
    GET: {
      summary: 'Subscriptions (admins)',
      operationId: 'listSubscriptions',
      ok: [200, ref('SubscriptionPage')],
      parameters: [...cursorParams, { name: 'status', in: 'query', schema: { enum: ['pending', 'approved', 'rejected'] } }],
    },
  },
  '/api/v1/subscriptions/{id}/approve': {
    POST: {
      summary: 'Approve a pending subscription',
      operationId: 'approveSubscription',
      ok: [200, ref('Decision')],
      parameters: [{ ...idParam, description: 'The subscription id.' }],
      requestBody: { ...json(obj({ reason: str }, [])) },
    },
  },
  '/api/v1/subscriptions/{id}/reject': {
    POST: {
      summary: 'Reject a pending subscription',
      operationId: 'rejectSubscription',
      ok: [200, ref('Decision')],
      parameters: [{ ...idParam, description: 'The subscription id.' }],
      requestBody: { required: true, ...json(obj({ reason: str })) },
    },
  },
  '/api/v1/audit': {
    GET: {
      summary: 'The audit log, newest first',
      operationId: 'listAudit',
      ok: [200, ref('AuditPage')],
      parameters: [
        ...cursorParams,
        ...['action', 'actor', 'target', 'from', 'to'].map((name) => ({ name, in: 'query', schema: str })),
        { name: 'outcome', in: 'query', schema: { enum: ['success', 'failure', 'denied'] } },
      ],
    },
  },
  '/api/v1/drift': { GET: { summary: 'The drift report (admins)', operationId: 'getDrift', ok: [200, ref('DriftReport')] } },
  '/api/v1/drift/reconcile': {
    POST: {
      summary: 'Reconcile the IdP with the portal (dry run by default)',
      operationId: 'reconcile',
      ok: [200, ref('ReconcileResult')],
      requestBody: {
        ...json(obj({ dryRun: { type: 'boolean', default: true }, deleteExtraProducts: { type: 'boolean', default: false } }, [])),
      },
    },
  },
};

/** `/api/v1/products/[id]` (the route folder) → `/api/v1/products/{id}` (OpenAPI). */
export const toOpenApiPath = (routePath: string) => routePath.replace(/\[(\w+)\]/g, '{$1}');

function paths(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [routePath, methods] of Object.entries(V1_ROUTES)) {
    const p = toOpenApiPath(routePath);
    for (const [method, requirement] of Object.entries(methods)) {
      const op = OPERATIONS[p]?.[method as V1Method];
      if (!op) throw new Error(`${method} ${p} is in the route table but not in the OpenAPI document`);
      const [status, schema] = op.ok;
      (out[p] ??= {})[method.toLowerCase()] = {
        summary: op.summary,
        operationId: op.operationId,
        ...(requirement.scope
          ? {
              security: [{ accessToken: [] }],
              'x-lanyard-scope': requirement.scope,
              description: `Needs a token with the \`${requirement.scope}\` scope${requirement.admin ? ', owned by a portal admin' : ''}.`,
            }
          : { security: [] }),
        ...(op.parameters && { parameters: op.parameters }),
        ...(op.requestBody && { requestBody: op.requestBody }),
        responses: {
          [String(status)]: { description: 'OK', ...json(schema) },
          default: { description: 'An error, in the portal’s one shape', ...json(ref('Error')) },
        },
      };
    }
  }
  return out;
}

export const V1_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Lanyard API',
    version: '1.0.0',
    description:
      'Lanyard’s own admin and consumer API, for pipelines and the `lanyard` CLI. Authenticate with an access token (Authorization: Bearer lyd_…), created on your account page (personal) or by an admin (service). A token can do what its scopes allow and its owner may do, never more.',
  },
  // No `servers`: the default is the portal's own origin, and the catalog's
  // try-it console (which sends IdP tokens through the gateway) stays off.
  security: [{ accessToken: [] }],
  paths: paths(),
  components: {
    securitySchemes: {
      accessToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'lyd_ access token',
        description: `Scopes: ${TOKEN_SCOPES.join(', ')}.`,
      },
    },
    schemas,
  },
} as const;
