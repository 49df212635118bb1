import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { conflict } from '../errors';
import { isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';
import { findProduct } from './find-product';

/**
 * Takes a product down. With subscriptions, the caller must confirm (409
 * otherwise). The IdP removes the scope from every client and forgets it;
 * then the row goes, and its subscriptions with it. A scope the IdP no longer
 * has counts as removed, so a retry after a half-way failure finishes.
 */
export async function deleteProduct(
  db: Db,
  idp: IdpAdapter,
  admin: Viewer,
  ref: string,
  options: { confirm: boolean },
): Promise<{ endedSubscriptions: number }> {
  const product = await findProduct(db, ref);
  const subscriptions = await db.subscription.count({ where: { productId: product.id } });
  if (subscriptions > 0 && !options.confirm) {
    const apps = `${subscriptions} application${subscriptions === 1 ? ' is' : 's are'}`;
    throw conflict(
      `${apps} subscribed to ${product.name}. Deleting it ends those subscriptions and removes the scope from their clients; confirm to go ahead.`,
    );
  }
  return audited(
    db,
    {
      actor: admin,
      action: 'product.delete',
      target: { type: 'api_product', id: product.apiProductId },
      detail: { name: product.name, endedSubscriptions: subscriptions },
    },
    async () => {
      await idp.deleteApiProduct(product.apiProductId).catch((err: unknown) => {
        if (!isIdpError(err, 'not_found')) throw err;
      });
      await db.apiProduct.delete({ where: { id: product.id } });
      return { endedSubscriptions: subscriptions };
    },
  );
}
