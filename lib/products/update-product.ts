import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { findProduct } from './find-product';
import { checkOpenApi } from './openapi';
import type { Published } from './publish-product';
import type { ProductUpdateInput } from './schemas';

/** Catalog fields only: the id (and so the scope) of a published product never changes. */
export async function updateProduct(db: Db, admin: Viewer, ref: string, input: ProductUpdateInput): Promise<Published> {
  const product = await findProduct(db, ref);
  const doc = input.openapi !== undefined ? await checkOpenApi(input.openapi) : undefined;
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version || doc?.version || product.version }),
    ...(input.approvalRequired !== undefined && { approvalRequired: input.approvalRequired }),
    ...(doc && { openapi: doc.json }),
  };
  const before: Record<string, unknown> = product;
  const changed = Object.entries(data)
    .filter(([key, value]) => before[key] !== value)
    .map(([key]) => key);
  const updated = await audited(
    db,
    {
      actor: admin,
      action: 'product.update',
      target: { type: 'api_product', id: product.apiProductId },
      detail: {
        changed,
        ...Object.fromEntries(
          changed.filter((k) => k === 'approvalRequired' || k === 'version' || k === 'name').map((k) => [k, data[k as keyof typeof data]]),
        ),
      },
    },
    () => db.apiProduct.update({ where: { id: product.id }, data }),
  );
  return { ...updated, warnings: doc?.warnings ?? [] };
}
