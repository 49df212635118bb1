import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { tryItOperationsResponse } from '@/lib/products/try-it-download';

/** The product page's try-it operations (signed in, as try-it is), with an ETag per product version. */
export const GET = authedRoute<{ slug: string }>(async ({ params, req }) => tryItOperationsResponse(db(), params.slug, req));
