import { z } from 'zod';
import { apiProductIdSchema } from '../idp/api-product-id';
import { APP_ID_MAX, APP_ID_PATTERN, MAX_API_PRODUCTS_PER_APP, PRODUCT_DESCRIPTION_MAX, PRODUCT_NAME_MAX } from './limits';

// Request bodies of the SPI, as openapi.ts documents them. Unknown members
// (Gloo's `passthrough`, for one) are accepted and dropped.

export const appIdSchema = z
  .string()
  .min(1, 'is required')
  .max(APP_ID_MAX, `must be at most ${APP_ID_MAX} characters`)
  .regex(new RegExp(APP_ID_PATTERN), 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');

export const createApplicationBody = z.object({ id: appIdSchema });

export const createApiProductBody = z.object({
  apiProduct: z.object({
    name: z.string().max(PRODUCT_NAME_MAX).pipe(apiProductIdSchema),
    description: z.string().max(PRODUCT_DESCRIPTION_MAX, `must be at most ${PRODUCT_DESCRIPTION_MAX} characters`).optional(),
  }),
});

export const updateAppApiProductsBody = z.object({
  apiProducts: z
    .array(z.string().min(1, 'may not be empty').max(PRODUCT_NAME_MAX))
    .max(MAX_API_PRODUCTS_PER_APP, `may hold at most ${MAX_API_PRODUCTS_PER_APP} API products`),
});

/** A zod failure as one readable reason: `apiProduct.name: is required; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
