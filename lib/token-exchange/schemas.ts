import { z } from 'zod';

/** `POST /api/admin/products/:id/calls`: this product calls `calleeApiProductId` through application `applicationId`. */
export const productCallSchema = z.object({
  calleeApiProductId: z.string().trim().min(1, 'Choose the product it calls').max(200),
  applicationId: z
    .string()
    .trim()
    .min(1, 'Name the service application the API calls it as (its id, from the admin list of applications)')
    .max(200),
});
export type ProductCallInput = z.infer<typeof productCallSchema>;
