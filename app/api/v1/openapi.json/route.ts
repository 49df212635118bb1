import { V1_OPENAPI } from '@/lib/api-v1/openapi-document';
import { v1Route } from '@/lib/api-v1/v1-route';

/** The API's own OpenAPI document: public, like any product's page in the catalog. */
export const GET = v1Route('/api/v1/openapi.json', 'GET', async () =>
  Response.json(V1_OPENAPI, { headers: { 'cache-control': 'public, max-age=300' } }),
);
