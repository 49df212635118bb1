import 'server-only';
import { withAppLock } from '../apps/app-lock';
import { withLock } from '../locks/with-lock';
import { secretHint } from '../apps/secret-hint';
import { clientSettingsOf } from '../apps/client-settings';
import { audited } from '../audit/audited';
import type { AuditActor } from '../audit/record-audit-event';
import type { Db } from '../db';
import { idpRequestIdOf, isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';
import { approvedProductIds } from '../subscriptions/client-scopes';
import { computeDrift, type DriftReport } from './report';

// Reconcile: make the IdP match the portal (the portal is the record of who
// has which application and which subscriptions are approved). Each action
// re-checks its own precondition when it runs, under the application's lock
// where it touches a client, so a reconcile racing a user changes nothing
// twice. Every action is audited (`drift.*`); one failing does not stop the
// others, and the result says which did what.
//
// Order matters: products first (a client can be granted only scopes the IdP
// knows), orphan clients before recreating missing ones (a leftover client
// with the app's name would make createClient conflict), scopes last.
//
// A recreated client gets a new secret that nobody is shown: the admin must
// not see an application's secret, and the owner is not here. The portal
// records its hint like any secret, so the owner sees the app has one secret
// they do not know, rotates to get a working one (all three adapters hold two
// secrets at once) and retires the unknown one.

export type ReconcileActionKind =
  'create_product' | 'update_product_scope' | 'delete_client' | 'recreate_client' | 'set_client_scopes' | 'delete_idp_product';

export interface PlannedAction {
  kind: ReconcileActionKind;
  /** What the action is about: an application, client or product id. */
  target: string;
  summary: string;
  /** Set when the action is reported but will not run (e.g. extra IdP products without the flag). */
  skipped?: string;
}

export interface ActionResult extends PlannedAction {
  status: 'planned' | 'done' | 'failed' | 'skipped';
  /** What happened, where there is more to say (a skip's reason, a recreated client's id). */
  note?: string;
  error?: string;
  idpRequestId?: string;
}

export interface ReconcileOptions {
  dryRun: boolean;
  /** Delete IdP products the portal does not have (otherwise they are only reported). */
  deleteExtraProducts?: boolean;
}

export interface ReconcileResult {
  dryRun: boolean;
  ok: boolean;
  actions: ActionResult[];
  before: DriftReport;
  /** The report after the changes (not for dry runs). */
  after?: DriftReport;
}

const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

export function planReconcile(report: DriftReport, options: Pick<ReconcileOptions, 'deleteExtraProducts'> = {}): PlannedAction[] {
  const plan: PlannedAction[] = [];
  for (const p of report.productsMissingInIdp) {
    plan.push({ kind: 'create_product', target: p.apiProductId, summary: `Create API product ${p.apiProductId} (${p.name}) in the IdP` });
  }
  for (const p of report.productScopeStale) {
    plan.push({
      kind: 'update_product_scope',
      target: p.apiProductId,
      summary: `Record the IdP's scope ${p.idpScope} for ${p.apiProductId} (the portal had ${p.portalScope ?? 'none'})`,
    });
  }
  for (const c of report.orphanClients) {
    plan.push({
      kind: 'delete_client',
      target: c.clientId,
      summary: `Delete IdP client ${c.clientName} (${c.clientId}): no application uses it`,
    });
  }
  for (const m of report.missingClients) {
    plan.push({
      kind: 'recreate_client',
      target: m.appId,
      summary: `Recreate the client of ${m.appName} (${m.owner}) with scopes for: ${list(m.approvedProducts)}; the owner must rotate its secret`,
    });
  }
  for (const d of report.scopeDrift) {
    plan.push({
      kind: 'set_client_scopes',
      target: d.appId,
      summary: `Set the scopes of ${d.appName}'s client to ${list(d.expected)} (IdP has ${list(d.actual)})`,
    });
  }
  for (const p of report.productsMissingInPortal) {
    plan.push({
      kind: 'delete_idp_product',
      target: p.apiProductId,
      summary: `Delete API product ${p.apiProductId} (scope ${p.scope}) from the IdP: the portal does not publish it`,
      ...(!options.deleteExtraProducts && { skipped: 'reported only; reconcile with "delete extra IdP products" to remove it' }),
    });
  }
  return plan;
}

/** One reconcile at a time across every portal process (and the CLI): the next waits for the one running. */
export async function reconcile(db: Db, idp: IdpAdapter, actor: AuditActor, options: ReconcileOptions): Promise<ReconcileResult> {
  return withLock(db, 'reconcile', () => reconcileNow(db, idp, actor, options), { timeoutMs: 10 * 60_000 });
}

async function reconcileNow(db: Db, idp: IdpAdapter, actor: AuditActor, options: ReconcileOptions): Promise<ReconcileResult> {
  const before = await computeDrift(db, idp);
  const plan = planReconcile(before, options);
  if (options.dryRun) {
    return { dryRun: true, ok: true, before, actions: plan.map((a) => ({ ...a, status: a.skipped ? 'skipped' : 'planned' })) };
  }
  const actions: ActionResult[] = [];
  for (const action of plan) {
    if (action.skipped) {
      actions.push({ ...action, status: 'skipped' });
      continue;
    }
    try {
      const outcome = await audited(
        db,
        {
          actor,
          action: `drift.${action.kind}`,
          target: { type: targetType(action.kind), id: action.target },
          detail: { summary: action.summary },
        },
        () => apply(db, idp, action),
        (r) => ({ ...r.detail, ...(r.note && { note: r.note }), ...(r.skipped && { skipped: true }) }),
      );
      actions.push({ ...action, status: outcome.skipped ? 'skipped' : 'done', ...(outcome.note && { note: outcome.note }) });
    } catch (err) {
      actions.push({
        ...action,
        status: 'failed',
        error: err instanceof Error ? err.message : String(err),
        ...(idpRequestIdOf(err) && { idpRequestId: idpRequestIdOf(err) }),
      });
    }
  }
  const after = await computeDrift(db, idp);
  return { dryRun: false, ok: actions.every((a) => a.status !== 'failed'), before, after, actions };
}

function targetType(kind: ReconcileActionKind): string {
  if (kind === 'delete_client') return 'idp_client';
  if (kind === 'create_product' || kind === 'update_product_scope' || kind === 'delete_idp_product') return 'api_product';
  return 'application';
}

interface Applied {
  skipped?: boolean;
  note?: string;
  detail?: Record<string, unknown>;
}

const skip = (note: string): Applied => ({ skipped: true, note });

async function apply(db: Db, idp: IdpAdapter, action: PlannedAction): Promise<Applied> {
  switch (action.kind) {
    case 'create_product': {
      const product = await db.apiProduct.findUnique({ where: { apiProductId: action.target } });
      if (!product) return skip('the portal no longer has this product');
      let scope: string;
      try {
        scope = (await idp.createApiProduct({ id: product.apiProductId, description: product.name })).scope;
      } catch (err) {
        if (!isIdpError(err, 'conflict')) throw err;
        scope = (await idp.listApiProducts()).find((p) => p.id === product.apiProductId)?.scope ?? idp.scopeFor(product.apiProductId);
      }
      if (scope !== product.scope) await db.apiProduct.update({ where: { id: product.id }, data: { scope } });
      return {};
    }
    case 'update_product_scope': {
      const reported = (await idp.listApiProducts()).find((p) => p.id === action.target);
      if (!reported) return skip('the IdP no longer lists this product');
      await db.apiProduct.update({ where: { apiProductId: action.target }, data: { scope: reported.scope } });
      return {};
    }
    case 'delete_client': {
      if (await db.application.findUnique({ where: { clientId: action.target }, select: { id: true } }))
        return skip('an application uses this client now');
      await idp.deleteClient(action.target).catch((err: unknown) => {
        if (!isIdpError(err, 'not_found')) throw err;
      });
      return {};
    }
    case 'recreate_client':
      return withAppLock(db, action.target, () => recreateClient(db, idp, action.target));
    case 'set_client_scopes':
      return withAppLock(db, action.target, async () => {
        const app = await db.application.findUnique({ where: { id: action.target } });
        if (!app?.clientId) return skip('the application or its client is gone');
        await idp.setClientApiProducts(app.clientId, await approvedProductIds(db, app.id));
        return {};
      });
    case 'delete_idp_product': {
      if (await db.apiProduct.findUnique({ where: { apiProductId: action.target }, select: { id: true } }))
        return skip('the portal publishes this product now');
      await idp.deleteApiProduct(action.target).catch((err: unknown) => {
        if (!isIdpError(err, 'not_found')) throw err;
      });
      return {};
    }
  }
}

async function recreateClient(db: Db, idp: IdpAdapter, appId: string): Promise<Applied> {
  const app = await db.application.findUnique({ where: { id: appId } });
  if (!app) return skip('the application was deleted');
  if (app.clientId) {
    const exists = await idp.getClient(app.clientId).then(
      () => true,
      (err: unknown) => {
        if (isIdpError(err, 'not_found')) return false;
        throw err;
      },
    );
    if (exists) return skip('the IdP has the client again');
  }
  const products = await approvedProductIds(db, app.id);
  // The same type, redirect URIs and keys as the app had.
  const client = await idp.createAppClient({ appId: app.id, settings: clientSettingsOf(app) });
  try {
    if (products.length) await idp.setClientApiProducts(client.clientId, products);
    await db.$transaction([
      db.clientSecret.deleteMany({ where: { applicationId: app.id } }),
      db.application.update({ where: { id: app.id }, data: { clientId: client.clientId, clientName: client.clientName, idp: idp.kind } }),
      // The new secret itself is dropped here: only its hint is kept, as for every secret.
      ...(client.clientSecret
        ? [
            db.clientSecret.create({
              data: { applicationId: app.id, hint: secretHint(client.clientSecret), idpSecretId: client.secretId ?? null },
            }),
          ]
        : []),
    ]);
  } catch (err) {
    await idp.deleteClient(client.clientId).catch((undo: unknown) => {
      console.error(`Could not remove the new IdP client ${client.clientId} after a failed recreate:`, undo);
    });
    throw err;
  }
  return {
    note: `new client ${client.clientId}; its secret was shown to no one, so the owner must rotate it`,
    detail: { previousClientId: app.clientId, clientId: client.clientId, products },
  };
}
