import 'server-only';
import type { Db } from '../db';
import { env } from '../env';
import { raise, type RaisedEvent } from './notify';
import { admins, peopleOfApp, subscribersOf } from './recipients';

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

/** A subscription, or (with `plan`) a move to a plan, waits for an admin. */
export async function subscriptionRequested(db: Db, app: App, product: Product, plan?: string): Promise<void> {
  await announce(db, {
    event: 'subscription.requested',
    title: plan ? `${app.name} asks for the ${plan} plan of ${product.name}` : `${app.name} asks for ${product.name}`,
    body: plan
      ? `The application ${app.name} asked to move to the ${plan} plan of ${product.name}, which needs an admin's approval.`
      : `The application ${app.name} asked to subscribe to ${product.name}, which needs an admin's approval.`,
    link: '/admin/approvals',
    userIds: await admins(db),
  });
}

export async function subscriptionDecided(
  db: Db,
  app: App,
  product: Product,
  decision: { approved: boolean; reason: string | null; plan?: string },
): Promise<void> {
  const { userIds, teamId } = await peopleOfApp(db, app.id);
  const { approved, reason, plan } = decision;
  const note = reason ? ` Note: ${reason}` : '';
  await announce(db, {
    event: approved ? 'subscription.approved' : 'subscription.rejected',
    title: plan
      ? `${app.name}'s move to the ${plan} plan of ${product.name} was ${approved ? 'approved' : 'rejected'}`
      : approved
        ? `${app.name} may now call ${product.name}`
        : `${app.name}'s request for ${product.name} was rejected`,
    body: plan
      ? approved
        ? `The ${plan} plan's limits apply to ${app.name}'s next call.${note}`
        : `The current plan stays. Reason: ${reason ?? 'none given'}.`
      : approved
        ? `New tokens for ${app.name} carry the ${product.name} scope.${note}`
        : `Reason: ${reason ?? 'none given'}. You may ask again.`,
    link: `/apps/${app.id}`,
    userIds,
    teamIds: teamId ? [teamId] : [],
    data: { appId: app.id, apiProductId: product.apiProductId, approved, reason, ...(plan && { plan }) },
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

type PublishedProduct = Product & { id: string; slug: string };

/** A new OpenAPI document that breaks callers: everyone whose apps use the product hears what broke. */
export async function productChanged(db: Db, product: PublishedProduct, version: number, breaking: string[]): Promise<void> {
  const shown = breaking.slice(0, 5).join('; ');
  await announce(db, {
    event: 'product.changed',
    title: `${product.name} changed in a way that can break your app`,
    body: `Version ${version} of ${product.name}: ${shown}${breaking.length > 5 ? ` (and ${breaking.length - 5} more)` : ''}.`,
    link: `/apis/${product.slug}?version=${version}`,
    ...(await subscribersOf(db, product.id)),
    data: { apiProductId: product.apiProductId, version, breaking },
  });
}

/** A product is deprecated: its subscribers hear the sunset date. */
export async function productDeprecated(db: Db, product: PublishedProduct, sunset: Date): Promise<void> {
  const day = sunset.toISOString().slice(0, 10);
  await announce(db, {
    event: 'product.deprecated',
    title: `${product.name} is deprecated and ends on ${day}`,
    body: `${product.name} will stop answering after ${day}. Move your apps off it before then.`,
    link: `/apis/${product.slug}`,
    ...(await subscribersOf(db, product.id)),
    data: { apiProductId: product.apiProductId, sunset: sunset.toISOString() },
  });
}

/** A deprecated product reached its sunset date (lib/versions/sunset-watch.ts). */
export async function productSunset(db: Db, product: PublishedProduct): Promise<void> {
  await announce(db, {
    event: 'product.sunset',
    title: `${product.name} has reached its sunset date`,
    body: `${product.name} was deprecated and its sunset date has passed: it may stop answering at any time.`,
    link: `/apis/${product.slug}`,
    ...(await subscribersOf(db, product.id)),
    data: { apiProductId: product.apiProductId },
  });
}

export { announce };
