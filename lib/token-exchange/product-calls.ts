import 'server-only';
import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import { withAppLock } from '../apps/app-lock';
import type { Db } from '../db';
import { conflict, invalid, notFound } from '../errors';
import type { IdpAdapter, TokenExchangeRule } from '../idp/types';
import { findProduct } from '../products/find-product';
import type { ProductCallInput } from './schemas';

// Which products call which, declared by an admin per product,
// each through one service application — the calling API's own client.
// The IdP enforces them at issuance (RFC 8693 token exchange: the embedded
// IdP's token-exchange.ts): the application may exchange a token admitted to
// the product for one audience-restricted to the product it calls, scoped to
// its own subscription to that product ∩ the token's scopes. Where the IdP
// cannot enforce that (Okta, Cognito), nothing is declared and the portal
// says why, rather than keep rules nobody enforces. A call removed with its
// product (deleting a product cascades) leaves a rule in the IdP naming a
// product that no longer exists, which the IdP then refuses as unknown.

export interface ProductCallView {
  id: string;
  callee: { apiProductId: string; name: string };
  application: { id: string; name: string; clientId: string | null };
  /** Whether the application holds an approved subscription to the callee: without one the IdP refuses the exchange. */
  subscribed: boolean;
  createdAt: string;
}

export interface ProductCallsView {
  /** Why token exchange is not available on this IdP, if it is not. */
  unavailable?: string;
  calls: ProductCallView[];
}

export async function listProductCalls(db: Db, idp: IdpAdapter, productRef: string): Promise<ProductCallsView> {
  const product = await findProduct(db, productRef);
  const rows = await db.productCall.findMany({
    where: { productId: product.id },
    include: {
      callee: { select: { apiProductId: true, name: true } },
      application: { include: { subscriptions: { where: { status: 'approved' } } } },
    },
    orderBy: { createdAt: 'asc' },
  });
  return {
    unavailable: idp.setClientTokenExchange ? undefined : idp.features().limits.tokenExchange,
    calls: rows.map((r) => ({
      id: r.id,
      callee: { apiProductId: r.callee.apiProductId, name: r.callee.name },
      application: { id: r.application.id, name: r.application.name, clientId: r.application.clientId },
      subscribed: r.application.subscriptions.some((s) => s.productId === r.calleeId),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

type CallRow = { product: { apiProductId: string }; callee: { apiProductId: string } };

/** The relationships an application's client may exchange along, from its products' declarations. */
function rulesOf(rows: CallRow[]): TokenExchangeRule[] {
  const byProduct = new Map<string, string[]>();
  for (const r of rows) byProduct.set(r.product.apiProductId, [...(byProduct.get(r.product.apiProductId) ?? []), r.callee.apiProductId]);
  return [...byProduct].map(([fromApiProductId, toApiProductIds]) => ({ fromApiProductId, toApiProductIds: toApiProductIds.sort() }));
}

/**
 * The IdP first, with the application's rules as they will be, then the
 * database; if the database write fails, the IdP gets the old rules back.
 * (As with subscriptions, changes to one application run one at a time.)
 */
async function changeCalls<T>(
  db: Db,
  idp: IdpAdapter,
  app: { id: string; clientId: string | null },
  next: (rows: (CallRow & { id: string })[]) => CallRow[],
  write: () => Promise<T>,
): Promise<T> {
  const setRules = idp.setClientTokenExchange?.bind(idp);
  if (!setRules) throw invalid(idp.features().limits.tokenExchange ?? 'This identity provider cannot exchange tokens');
  return withAppLock(db, app.id, async () => {
    const current = await db.productCall.findMany({
      where: { applicationId: app.id },
      include: { product: { select: { apiProductId: true } }, callee: { select: { apiProductId: true } } },
    });
    if (app.clientId) await setRules(app.clientId, rulesOf(next(current)));
    try {
      return await write();
    } catch (err) {
      if (app.clientId) {
        await setRules(app.clientId, rulesOf(current)).catch((undo: unknown) => {
          console.error(`Could not restore the token-exchange rules of IdP client ${app.clientId}:`, undo);
        });
      }
      throw err;
    }
  });
}

export async function declareProductCall(db: Db, idp: IdpAdapter, admin: Viewer, productRef: string, input: ProductCallInput) {
  const product = await findProduct(db, productRef);
  const callee = await db.apiProduct.findUnique({ where: { apiProductId: input.calleeApiProductId } });
  if (!callee) throw invalid('That product does not exist', { calleeApiProductId: 'Choose a published product' });
  if (callee.id === product.id) throw invalid('A product does not call itself', { calleeApiProductId: 'Choose another product' });
  const app = await db.application.findUnique({ where: { id: input.applicationId } });
  if (!app) throw invalid('That application does not exist', { applicationId: 'No application has this id' });
  if (app.type !== 'service') {
    throw invalid('Only a service application calls other APIs as an API’s backend', {
      applicationId: 'This is not a service application: an API’s backend uses client credentials',
    });
  }
  if (await db.productCall.findFirst({ where: { productId: product.id, calleeId: callee.id, applicationId: app.id } })) {
    throw conflict(`${product.name} already calls ${callee.name} through ${app.name}`);
  }
  return audited(
    db,
    {
      actor: admin,
      action: 'product.call.declare',
      target: { type: 'product', id: product.apiProductId },
      detail: { callee: callee.apiProductId, applicationId: app.id },
    },
    () =>
      changeCalls(
        db,
        idp,
        app,
        (rows) => [...rows, { product, callee }],
        () => db.productCall.create({ data: { productId: product.id, calleeId: callee.id, applicationId: app.id, createdById: admin.id } }),
      ),
  );
}

export async function removeProductCall(db: Db, idp: IdpAdapter, admin: Viewer, productRef: string, callId: string): Promise<void> {
  const product = await findProduct(db, productRef);
  const call = await db.productCall.findFirst({
    where: { id: callId, productId: product.id },
    include: { application: true, callee: true },
  });
  if (!call) throw notFound('That call');
  await audited(
    db,
    {
      actor: admin,
      action: 'product.call.remove',
      target: { type: 'product', id: product.apiProductId },
      detail: { callee: call.callee.apiProductId, applicationId: call.applicationId },
    },
    () =>
      changeCalls(
        db,
        idp,
        call.application,
        (rows) => rows.filter((r) => r.id !== call.id),
        () => db.productCall.delete({ where: { id: call.id } }),
      ),
  );
}
