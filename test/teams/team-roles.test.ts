import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import { deleteApplication, updateApplication } from '@/lib/apps/manage-app';
import { retireSecret, rotateSecret } from '@/lib/apps/secrets';
import { changePlan } from '@/lib/subscriptions/change-plan';
import { subscribe, unsubscribe } from '@/lib/subscriptions/subscribe';
import { addMember, createTeam } from '@/lib/teams/manage-teams';
import { fetchTokenForApp } from '@/lib/token-tool/fetch-token';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// Team roles on a team's application (README, "Team roles"): owners manage
// credentials, subscriptions and deletion; members view and use the app.

let idp: RunningIdp;
let owner: { id: string; email: string };
let member: { id: string; email: string };
let app: { id: string; clientSecret?: string };
let subscriptionId: string;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  const db = idp.testDb.db;
  owner = await addPortalUser(db, 'owner@example.com');
  member = await addPortalUser(db, 'member@example.com');
  await publishProduct(db, idp.adapter, 'tracks');
  await publishProduct(db, idp.adapter, 'petstore');
  const team = await createTeam(db, owner, 'Platform');
  await addMember(db, owner, team.id, { email: member.email, role: 'member' });
  app = await createApplication(db, idp.adapter, owner, { name: 'Shared', description: '', ownerTeamId: team.id });
  subscriptionId = (await subscribe(db, idp.adapter, owner, app.id, 'tracks')).id;
});
afterAll(() => idp.stop());

describe('a plain team member', () => {
  it('sees the app, marked as not theirs to manage, and can fetch a token with it', async () => {
    const db = idp.testDb.db;
    expect((await getApplicationDetail(db, idp.adapter, member, app.id)).canManage).toBe(false);
    expect((await getApplicationDetail(db, idp.adapter, owner, app.id)).canManage).toBe(true);
    const token = await fetchTokenForApp(db, idp.adapter, member, app.id, { clientSecret: app.clientSecret! });
    expect(token.scope).toBe('tracks');
  });

  it('cannot rotate or retire a secret, change subscriptions or plans, rename or delete the app', async () => {
    const db = idp.testDb.db;
    const secretId = (await getApplicationDetail(db, idp.adapter, owner, app.id)).credentials.secrets[0]!.id;
    const attempts = [
      rotateSecret(db, idp.adapter, member, app.id),
      retireSecret(db, idp.adapter, member, app.id, secretId),
      subscribe(db, idp.adapter, member, app.id, 'petstore'),
      unsubscribe(db, idp.adapter, member, app.id, subscriptionId),
      changePlan(db, member, app.id, subscriptionId, 'any-plan'),
      updateApplication(db, idp.adapter, member, app.id, { name: 'Taken over' }),
      deleteApplication(db, idp.adapter, member, app.id),
    ].map((p) =>
      p.then(
        () => 'allowed',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(await Promise.all(attempts)).toEqual(Array(7).fill('forbidden'));
    const after = await getApplicationDetail(db, idp.adapter, owner, app.id);
    expect(after.name).toBe('Shared');
    expect(after.credentials.secrets).toHaveLength(1);
    expect(after.subscriptions.map((s) => s.product.apiProductId)).toEqual(['tracks']);
    expect((await idp.adapter.getClient(after.credentials.clientId!)).scopes).toEqual(['tracks']);
  });

  it('an owner of the team can do all of it', async () => {
    const db = idp.testDb.db;
    await rotateSecret(db, idp.adapter, owner, app.id);
    await subscribe(db, idp.adapter, owner, app.id, 'petstore');
    await updateApplication(db, idp.adapter, owner, app.id, { name: 'Renamed' });
    expect((await getApplicationDetail(db, idp.adapter, owner, app.id)).name).toBe('Renamed');
  });
});
