import 'server-only';
import type { Db } from '../db';
import { env } from '../env';
import { raise, type RaisedEvent } from './notify';
import { admins, peopleOfApp } from './recipients';

// The events the domain raises, in words a person reads. A notification that
// cannot be written is logged and dropped: it never undoes or fails the
// change it reports.

async function announce(db: Db, e: RaisedEvent): Promise<void> {
  try {
    const config = env();
    await raise(db, e, { email: !!config.LANYARD_SMTP_URL, portalUrl: config.LANYARD_URL });
  } catch (err) {
    console.error(`Could not record the ${e.event} notification:`, err instanceof Error ? err.message : err);
  }
}

type App = { id: string; name: string };
type Product = { apiProductId: string; name: string };

export async function subscriptionRequested(db: Db, app: App, product: Product): Promise<void> {
  await announce(db, {
    event: 'subscription.requested',
    title: `${app.name} asks for ${product.name}`,
    body: `The application ${app.name} asked to subscribe to ${product.name}, which needs an admin's approval.`,
    link: '/admin/approvals',
    userIds: await admins(db),
  });
}

export async function subscriptionDecided(
  db: Db,
  app: App,
  product: Product,
  decision: { approved: boolean; reason: string | null },
): Promise<void> {
  const { userIds, teamId } = await peopleOfApp(db, app.id);
  await announce(db, {
    event: decision.approved ? 'subscription.approved' : 'subscription.rejected',
    title: decision.approved ? `${app.name} may now call ${product.name}` : `${app.name}'s request for ${product.name} was rejected`,
    body: decision.approved
      ? `New tokens for ${app.name} carry the ${product.name} scope.${decision.reason ? ` Note: ${decision.reason}` : ''}`
      : `Reason: ${decision.reason ?? 'none given'}. You may ask again.`,
    link: `/apps/${app.id}`,
    userIds,
    teamIds: teamId ? [teamId] : [],
    data: { appId: app.id, apiProductId: product.apiProductId, approved: decision.approved, reason: decision.reason },
  });
}

export async function secretRotated(db: Db, app: App, by: { email: string }): Promise<void> {
  const { userIds, teamId } = await peopleOfApp(db, app.id);
  await announce(db, {
    event: 'secret.rotated',
    title: `A new secret for ${app.name}`,
    body: `${by.email} added a new client secret to ${app.name}. The old one works until it is retired.`,
    link: `/apps/${app.id}`,
    userIds,
    teamIds: teamId ? [teamId] : [],
    data: { appId: app.id, by: by.email },
  });
}

export async function driftFound(db: Db, issues: number): Promise<void> {
  await announce(db, {
    event: 'drift.found',
    title: `The identity provider and the portal disagree on ${issues} thing${issues === 1 ? '' : 's'}`,
    body: 'The drift report lists them; reconcile makes the identity provider match the portal.',
    link: '/admin/drift',
    userIds: await admins(db),
  });
}

export { announce };
