import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import type { Db } from '@/lib/db';
import { isDomainError } from '@/lib/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { exportLimits } from '@/lib/plans/limits-export';
import { onLimitsChanged } from '@/lib/plans/limits-changed';
import { listProductPlans } from '@/lib/plans/list-plans';
import { createPlan, deletePlan, updatePlan } from '@/lib/plans/manage-plans';
import { createPlanSchema } from '@/lib/plans/schemas';
import { listPendingApprovals } from '@/lib/subscriptions/approvals';
import { changePlan } from '@/lib/subscriptions/change-plan';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// Plans: an admin defines them per product (one default, audited); a
// consumer subscribes on one and moves between them, and a move to a plan
// that needs approval waits in the approvals queue while the current plan
// keeps applying. The limits export is what the data path enforces.

let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let dev: { id: string; email: string };
let admin: { id: string; email: string };
let app: { id: string; clientId: string };
const plans: Record<string, string> = {};
let changes = 0;

const parse = (input: unknown) => createPlanSchema.parse(input);

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  dev = await addPortalUser(db, 'dev@example.com');
  admin = await addPortalUser(db, 'admin@example.com', true);
  await publishProduct(db, idp, 'tracks');
  app = await createApplication(db, idp, dev, { name: 'Planner', description: '' });
  onLimitsChanged(() => (changes += 1));
});
afterAll(async () => {
  await running?.stop();
});

describe('admin plans', () => {
  it('validates limits: whole numbers in range, known windows', () => {
    expect(createPlanSchema.safeParse({ name: 'X', rate: { limit: 0, window: 'minute' } }).error?.issues[0]?.path).toEqual([
      'rate',
      'limit',
    ]);
    expect(createPlanSchema.safeParse({ name: 'X', quota: { limit: 10, window: 'week' } }).success).toBe(false);
    expect(createPlanSchema.safeParse({ name: 'X', rate: { limit: 1.5, window: 'second' } }).success).toBe(false);
    expect(createPlanSchema.safeParse({ name: ' ' }).success).toBe(false);
  });

  it('the first plan is the default; making another the default moves it; changes are audited and reload the data path', async () => {
    const before = changes;
    const starter = await createPlan(
      db,
      admin,
      'tracks',
      parse({ name: 'Starter', rate: { limit: 10, window: 'minute' }, quota: { limit: 1000, window: 'day' } }),
    );
    const sandbox = await createPlan(db, admin, 'tracks', parse({ name: 'Sandbox', rate: { limit: 3, window: 'minute' } }));
    const partner = await createPlan(
      db,
      admin,
      'tracks',
      parse({ name: 'Partner (EU)', rate: { limit: 50, window: 'second' }, approvalRequired: true }),
    );
    Object.assign(plans, { starter: starter.id, sandbox: sandbox.id, partner: partner.id });
    expect([starter.isDefault, sandbox.isDefault, partner.isDefault]).toEqual([true, false, false]);
    expect(partner.key).toBe('partner-eu');
    expect(changes - before).toBe(3);

    await updatePlan(db, admin, 'tracks', sandbox.id, { isDefault: true });
    expect((await listProductPlans(db, 'tracks')).map((p) => [p.name, p.isDefault])).toEqual([
      ['Sandbox', true],
      ['Partner (EU)', false],
      ['Starter', false],
    ]);
    await updatePlan(db, admin, 'tracks', starter.id, { isDefault: true });
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: 'plan.' } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorEmail, a.outcome])).toEqual([
      ['plan.create', 'admin@example.com', 'success'],
      ['plan.create', 'admin@example.com', 'success'],
      ['plan.create', 'admin@example.com', 'success'],
      ['plan.update', 'admin@example.com', 'success'],
      ['plan.update', 'admin@example.com', 'success'],
    ]);
  });

  it('refuses a second plan of the same name, and deleting the default while others exist', async () => {
    await expect(createPlan(db, admin, 'tracks', parse({ name: 'Sandbox' }))).rejects.toSatisfy((e) => isDomainError(e, 'invalid'));
    await expect(deletePlan(db, admin, 'tracks', plans.starter!)).rejects.toSatisfy((e) => isDomainError(e, 'conflict'));
  });
});

describe('subscriptions on plans', () => {
  let subscriptionId: string;

  it('subscribes on the plan chosen; the export hands its limits to the data path', async () => {
    const sub = await subscribe(db, idp, dev, app.id, 'tracks', plans.sandbox);
    subscriptionId = sub.id;
    expect(sub).toMatchObject({ status: 'approved', plan: { name: 'Sandbox' } });
    const exported = await exportLimits(db);
    expect(exported.entries).toEqual([
      { clientId: app.clientId, productId: 'tracks', plan: 'sandbox', planName: 'Sandbox', rate: { limit: 3, window: 'minute' } },
    ]);
  });

  it('a plan of another product is refused', async () => {
    await publishProduct(db, idp, 'petstore');
    await expect(subscribe(db, idp, dev, app.id, 'petstore', plans.sandbox)).rejects.toSatisfy((e) => isDomainError(e, 'invalid'));
  });

  it('a move to a plan without approval applies at once', async () => {
    const moved = await changePlan(db, dev, app.id, subscriptionId, plans.starter!);
    expect(moved).toMatchObject({ outcome: 'changed', plan: { name: 'Starter' } });
    expect((await exportLimits(db)).entries[0]).toMatchObject({ plan: 'starter', quota: { limit: 1000, window: 'day' } });
  });

  it('an upgrade to an approval plan waits in the queue; the current plan applies until an admin approves it', async () => {
    const version = (await exportLimits(db)).version;
    const asked = await changePlan(db, dev, app.id, subscriptionId, plans.partner!);
    expect(asked).toMatchObject({ outcome: 'requested', plan: { name: 'Starter' }, requestedPlan: { name: 'Partner (EU)' } });
    expect((await exportLimits(db)).version).toBe(version);
    const detail = await getApplicationDetail(db, idp, dev, app.id);
    expect(detail.subscriptions[0]).toMatchObject({ plan: { name: 'Starter' }, requestedPlan: { name: 'Partner (EU)' } });

    const queue = await listPendingApprovals(db);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      kind: 'plan_change',
      requestedBy: 'dev@example.com',
      plan: { name: 'Starter' },
      requestedPlan: { name: 'Partner (EU)', limits: '50 requests per second' },
    });
    // The scope was never in question: the token keeps working meanwhile.
    expect((await idp.getClient(app.clientId)).scopes).toEqual(['tracks']);

    await decideSubscription(db, idp, admin, subscriptionId, { approve: true, reason: 'Contract signed' });
    expect((await exportLimits(db)).entries[0]).toMatchObject({ plan: 'partner-eu', rate: { limit: 50, window: 'second' } });
    expect((await listPendingApprovals(db)).total).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { action: 'subscription.plan_approve', targetId: app.id } })).toMatchObject({
      actorEmail: 'admin@example.com',
      outcome: 'success',
    });
  });

  it('a rejected request keeps the current plan and tells the owner why; withdrawing drops a request', async () => {
    await changePlan(db, dev, app.id, subscriptionId, plans.sandbox!);
    await updatePlan(db, admin, 'tracks', plans.starter!, { approvalRequired: true });
    await changePlan(db, dev, app.id, subscriptionId, plans.starter!);
    await decideSubscription(db, idp, admin, subscriptionId, { approve: false, reason: 'Stay on Sandbox for now' });
    const detail = await getApplicationDetail(db, idp, dev, app.id);
    expect(detail.subscriptions[0]).toMatchObject({ plan: { name: 'Sandbox' }, requestedPlan: null, reason: 'Stay on Sandbox for now' });

    await changePlan(db, dev, app.id, subscriptionId, plans.partner!);
    expect(await changePlan(db, dev, app.id, subscriptionId, plans.sandbox!)).toMatchObject({ outcome: 'withdrawn' });
    expect((await listPendingApprovals(db)).total).toBe(0);
  });

  it('a deleted plan’s subscribers fall back to the default', async () => {
    await deletePlan(db, admin, 'tracks', plans.sandbox!);
    expect((await exportLimits(db)).entries[0]).toMatchObject({ plan: 'starter' });
  });

  it('someone else cannot change the plan of an app they cannot see', async () => {
    const other = await addPortalUser(db, 'other@example.com');
    await expect(changePlan(db, other, app.id, subscriptionId, plans.starter!)).rejects.toSatisfy((e) => isDomainError(e, 'not_found'));
  });
});
