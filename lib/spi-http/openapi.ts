import {
  APP_ID_MAX,
  APP_ID_PATTERN,
  DEFAULT_BASE_PATH,
  MAX_API_PRODUCTS_PER_APP,
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_NAME_MAX,
} from './limits';

// The OpenAPI 3.1 description of the SPI over HTTP, served (without
// authentication) at `<basePath>/openapi.json`. Paths, operation ids, bodies
// and the error shape follow Gloo Platform Portal's IdP Connect contract
// (docs/architecture.md, "The IdP Connect SPI"): the v1 application operations plus the API-product
// operations of the earlier contract. Where Lanyard answers more than Gloo's
// document lists (401, 409 on a repeated create, 413, 503 with Retry-After),
// the extra responses keep Gloo's error body, so a Gloo client reads them.
//
// test/spi-http/ checks every response the handler sends against this
// document, so the two cannot drift apart unnoticed.

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(ref('Error')),
});
const r = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The errors every operation that reaches the IdP may answer (IdpError codes, authentication, bugs). */
const idpErrors = {
  '400': r('BadRequest'),
  '401': r('Unauthorized'),
  '404': r('NotFound'),
  '409': r('Conflict'),
  '429': r('TooManyRequests'),
  '500': r('InternalError'),
  '503': r('Unavailable'),
};
/** … and, for operations with a body, one that is too large. */
const bodyErrors = { ...idpErrors, '413': r('PayloadTooLarge') };

const appIdParameter = {
  in: 'path',
  name: 'id',
  required: true,
  description:
    'The application id given to `POST /applications`. For Gloo connectors that address clients by the IdP client id, a client id of a client this portal created (client name `lanyard-<id>`) is accepted too.',
  schema: { type: 'string', minLength: 1 },
};

/** Ignored: accepted so that Gloo's portal server, which may send it, is not refused. */
const passthrough = { type: 'object', description: 'Accepted for compatibility with Gloo and ignored.' };

export function spiOpenApiDocument(basePath: string = DEFAULT_BASE_PATH) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lanyard IdP Connect SPI',
      version: '1.0.0',
      description: [
        "Lanyard's IdP Connect SPI over HTTP, compatible with Gloo Platform Portal's IdP Connect API: manage the OAuth clients of portal applications and the scopes of API products in the identity provider Lanyard is configured with (embedded, Okta or Cognito).",
        '',
        'Every operation needs `Authorization: Bearer <token>` with the token configured for the SPI. Every error has the body `{"code", "message", "reason"}`, where `code` repeats the HTTP status. A path outside this document gets 404 and a method a path does not offer gets 405 (with `Allow`), both with that error body.',
      ].join('\n'),
    },
    servers: [{ url: basePath }],
    security: [{ spiBearer: [] }],
    tags: [
      { name: 'Applications', description: 'OAuth clients of portal applications.' },
      { name: 'API Products', description: 'Scopes the IdP knows for API products.' },
      { name: 'Meta', description: 'This document.' },
    ],
    paths: {
      '/applications': {
        post: {
          operationId: 'CreateOAuthApplication',
          tags: ['Applications'],
          summary: 'Creates the OAuth client of an application.',
          description:
            'Creates a confidential client allowed the `client_credentials` grant, named `lanyard-<id>`, with no API scopes yet. The `clientSecret` is returned only here and is not stored by Lanyard. A second create for the same id is refused with 409 (the secret cannot be shown again).',
          requestBody: { required: true, content: json(ref('CreateApplicationRequest')) },
          responses: {
            '201': { description: 'The client was created.', content: json(ref('OAuthApplication')) },
            ...bodyErrors,
          },
        },
      },
      '/applications/{id}': {
        delete: {
          operationId: 'DeleteApplication',
          tags: ['Applications'],
          summary: "Deletes an application's OAuth client.",
          parameters: [appIdParameter],
          responses: {
            '204': { description: 'The client was deleted.' },
            ...idpErrors,
          },
        },
      },
      '/applications/{id}/api-products': {
        put: {
          operationId: 'UpdateAppAPIProducts',
          tags: ['Applications'],
          summary: 'Sets the API products an application may get tokens for.',
          description:
            'Afterwards the client may request exactly the scopes of these API products and no others (an empty list takes every scope away). Repeating the same request leaves the same state. An unknown application is 404; a name no API product has is 400 and changes nothing.',
          parameters: [appIdParameter],
          requestBody: { required: true, content: json(ref('UpdateAppApiProductsRequest')) },
          responses: {
            '204': { description: "The client's API products were set." },
            ...bodyErrors,
          },
        },
      },
      '/api-products': {
        get: {
          operationId: 'ListAPIProducts',
          tags: ['API Products'],
          summary: 'Lists the API products the IdP knows a scope for.',
          responses: {
            '200': {
              description: 'Every API product, by name.',
              content: json({ type: 'array', items: ref('ApiProduct') }),
            },
            ...idpErrors,
          },
        },
        post: {
          operationId: 'CreateAPIProduct',
          tags: ['API Products'],
          summary: 'Makes the IdP know a scope for an API product.',
          description:
            "`name` is the API product id the gateway's route table carries (`portalMetadata.apiProductId`), e.g. `tracks` or `https://api.example.com/tracks`. The scope the IdP issues for it is the name itself (embedded, Okta) or `<resource-server>/<name>` (Cognito).",
          requestBody: { required: true, content: json(ref('CreateApiProductRequest')) },
          responses: {
            '201': { description: 'The API product was created.' },
            ...bodyErrors,
          },
        },
      },
      '/api-products/{name}': {
        delete: {
          operationId: 'DeleteAPIProduct',
          tags: ['API Products'],
          summary: "Removes an API product's scope from every client, then from the IdP.",
          parameters: [
            {
              in: 'path',
              name: 'name',
              required: true,
              description:
                'The API product name, percent-encoded (a URI name such as `https://api.example.com/tracks` is one path segment).',
              schema: { type: 'string', minLength: 1 },
            },
          ],
          responses: {
            '204': { description: 'The API product was deleted.' },
            ...idpErrors,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'GetOpenApiDocument',
          tags: ['Meta'],
          summary: 'This document.',
          security: [],
          responses: {
            '200': {
              description: 'The OpenAPI 3.1 document of the SPI.',
              content: json({
                type: 'object',
                required: ['openapi', 'paths'],
                properties: { openapi: { type: 'string', const: '3.1.0' }, paths: { type: 'object' } },
              }),
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        spiBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token configured for the SPI (LANYARD_SPI_TOKEN), compared in constant time.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message', 'reason'],
          additionalProperties: false,
          properties: {
            code: { type: 'integer', description: 'The HTTP status code.', examples: [404] },
            message: { type: 'string', description: 'The HTTP status text.', examples: ['Not Found'] },
            reason: { type: 'string', description: 'What went wrong.', examples: ['API product tracks does not exist in the IdP'] },
          },
        },
        ApiProduct: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, examples: ['tracks', 'https://api.example.com/tracks'] },
            description: { type: 'string', examples: ['Tracks API'] },
          },
        },
        OAuthApplication: {
          type: 'object',
          required: ['clientId', 'clientSecret', 'clientName'],
          additionalProperties: false,
          properties: {
            clientId: { type: 'string', minLength: 1 },
            clientSecret: { type: 'string', minLength: 1, description: 'Shown only in this response.' },
            clientName: { type: 'string', examples: ['lanyard-a0897e6d0ea94f589c38278bca4e9342'] },
          },
        },
        CreateApplicationRequest: {
          type: 'object',
          required: ['id'],
          properties: {
            id: {
              type: 'string',
              pattern: APP_ID_PATTERN,
              minLength: 1,
              maxLength: APP_ID_MAX,
              examples: ['a0897e6d0ea94f589c38278bca4e9342'],
            },
            passthrough,
          },
        },
        CreateApiProductRequest: {
          type: 'object',
          required: ['apiProduct'],
          properties: {
            apiProduct: {
              type: 'object',
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                  minLength: 1,
                  maxLength: PRODUCT_NAME_MAX,
                  pattern: '^\\s*[\\x21\\x23-\\x5B\\x5D-\\x7E]+\\s*$',
                  description:
                    'An OAuth scope token: lower-case letters, digits, ".", "_" or "-" starting with a letter or digit, or an absolute http(s) URI. Surrounding spaces are trimmed.',
                  examples: ['tracks', 'https://api.example.com/tracks'],
                },
                description: { type: 'string', maxLength: PRODUCT_DESCRIPTION_MAX, examples: ['Tracks API'] },
              },
            },
            passthrough,
          },
        },
        UpdateAppApiProductsRequest: {
          type: 'object',
          required: ['apiProducts'],
          properties: {
            apiProducts: {
              type: 'array',
              maxItems: MAX_API_PRODUCTS_PER_APP,
              items: { type: 'string', minLength: 1, maxLength: PRODUCT_NAME_MAX },
              examples: [['tracks', 'petstore']],
            },
            passthrough,
          },
        },
      },
      responses: {
        BadRequest: errorResponse('The body is not JSON or not of the documented shape, or the IdP refused the input.'),
        Unauthorized: errorResponse('No bearer token, or not the configured one.', {
          'WWW-Authenticate': { required: true, description: 'RFC 6750 challenge.', schema: { type: 'string' } },
        }),
        NotFound: errorResponse('The application or API product does not exist in the IdP.'),
        Conflict: errorResponse('It exists already (a repeated create), or the IdP refused the change as conflicting.'),
        PayloadTooLarge: errorResponse('The body is larger than the SPI accepts.'),
        TooManyRequests: errorResponse('The caller went over its request budget, or failed authentication too often; retry later.', {
          'Retry-After': {
            required: true,
            description: 'Seconds to wait before retrying.',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
        }),
        InternalError: errorResponse('An unexpected error; the reason does not reveal internals.'),
        Unavailable: errorResponse('The IdP is throttling or unreachable; retry later.', {
          'Retry-After': {
            required: true,
            description: 'Seconds to wait before retrying.',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
        }),
      },
    },
  };
}

export type SpiOpenApiDocument = ReturnType<typeof spiOpenApiDocument>;
