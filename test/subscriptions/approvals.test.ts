import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOverview } from '@/lib/overview/admin-overview';
import { listPendingApprovals } from '@/lib/subscriptions/approvals';
import { decideSubscription as decide } from '@/lib/subscriptions/decide-subscription';
import { decisionSchema } from '@/lib/subscriptions/schemas';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import type { Db } from '@/lib/db';
import type { IdpAdapter } from '@/lib/idp/types';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// The approvals queue: pending subscriptions oldest first; approving grants
// the scope in the IdP, rejecting needs a reason, and the owner sees both.

let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let dev: { id: string; email: string };
let admin: { id: string; email: string };
let first: { id: string; clientId: string };
let second: { id: string; clientId: string };

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  dev = await addPortalUser(db, 'dev@example.com');
  admin = await addPortalUser(db, 'admin@example.com', true);
  await publishProduct(db, idp, 'premium', { approvalRequired: true });
  await publishProduct(db, idp, 'tracks');
  first = await createApplication(db, idp, dev, { name: 'First', description: 'Asks first' });
  second = await createApplication(db, idp, dev, { name: 'Second', description: '' });
  await subscribe(db, idp, dev, first.id, 'premium');
  await subscribe(db, idp, dev, second.id, 'premium');
  await subscribe(db, idp, dev, second.id, 'tracks');
});
afterAll(async () => {
  await running?.stop();
});

describe('approvals', () => {
  it('queues only pending subscriptions, oldest first, with who asked', async () => {
    const queue = await listPendingApprovals(db);
    expect(queue.total).toBe(2);
    expect(queue.items.map((i) => [i.app.name, i.product.apiProductId, i.requestedBy, i.app.owner])).toEqual([
      ['First', 'premium', 'dev@example.com', 'dev@example.com'],
      ['Second', 'premium', 'dev@example.com', 'dev@example.com'],
    ]);
    expect((await adminOverview(db)).subscriptions).toEqual({ approved: 1, pending: 2, rejected: 0 });
  });

  it('requires a reason to reject, not to approve', () => {
    expect(decisionSchema.safeParse({ approve: false, reason: '  ' }).error?.issues[0]).toMatchObject({ path: ['reason'] });
    expect(decisionSchema.parse({ approve: true })).toEqual({ approve: true, reason: '' });
    expect(decisionSchema.safeParse({ reason: 'x' }).success).toBe(false);
  });

  it('approving grants the scope; the owner sees the decision and the reason', async () => {
    const [item] = (await listPendingApprovals(db)).items;
    const decided = await decide(db, idp, admin, item!.id, { approve: true, reason: 'Contract signed' });
    expect(decided).toMatchObject({ status: 'approved', reason: 'Contract signed' });
    expect((await idp.getClient(first.clientId)).scopes).toEqual(['premium']);
    const detail = await getApplicationDetail(db, idp, dev, first.id);
    expect(detail.subscriptions[0]).toMatchObject({ status: 'approved', reason: 'Contract signed' });
    expect(
      await db.auditEvent.findFirst({
        where: { action: 'subscription.approve', targetId: first.id, actorEmail: 'admin@example.com', outcome: 'success' },
      }),
    ).not.toBeNull();
  });

  it('rejecting grants nothing and tells the owner why; a decided subscription cannot be decided again', async () => {
    const [item] = (await listPendingApprovals(db)).items;
    await decide(db, idp, admin, item!.id, { approve: false, reason: 'Partners only' });
    expect((await idp.getClient(second.clientId)).scopes).toEqual(['tracks']);
    const detail = await getApplicationDetail(db, idp, dev, second.id);
    expect(detail.subscriptions.find((s) => s.product.apiProductId === 'premium')).toMatchObject({
      status: 'rejected',
      reason: 'Partners only',
    });
    await expect(decide(db, idp, admin, item!.id, { approve: true, reason: '' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(decide(db, idp, admin, 'no-such-subscription', { approve: true, reason: '' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await listPendingApprovals(db)).total).toBe(0);
  });
});
