import { audited } from '../audit/audited';
import type { Db } from '../db';
import { invalid, conflict, notFound } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { findManageableApp, type Viewer } from './access';
import { withAppLock } from './app-lock';
import { secretRotated } from '../notifications/announce';
import { secretHint } from './secret-hint';

// Secret rotation (docs/architecture.md, "Flows"): add a second secret, let the caller move to
// it, then retire the old one. Both work in between.

const MAX_SECRETS = 2;

export interface RotatedSecret {
  id: string;
  /** Shown once, never stored. */
  clientSecret: string;
  hint: string;
}

export async function rotateSecret(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string): Promise<RotatedSecret> {
  const app = await findManageableApp(db, viewer, appId, 'manage its applications’ secrets');
  if (!idp.rotateClientSecret || !app.clientId)
    throw invalid('This identity provider cannot hold two secrets at once, so secrets cannot be rotated here');
  const clientId = app.clientId;
  const rotated = await withAppLock(db, app.id, async () => {
    if ((await db.clientSecret.count({ where: { applicationId: app.id } })) >= MAX_SECRETS) {
      throw conflict('This application already has two secrets. Retire the old one before rotating again');
    }
    return audited(db, { actor: viewer, action: 'secret.rotate', target: { type: 'application', id: app.id } }, async () => {
      const rotated = await idp.rotateClientSecret!(clientId);
      try {
        const row = await db.clientSecret.create({
          data: { applicationId: app.id, hint: secretHint(rotated.clientSecret), idpSecretId: rotated.secretId },
        });
        return { id: row.id, clientSecret: rotated.clientSecret, hint: row.hint };
      } catch (err) {
        await idp.retireClientSecret?.(clientId, rotated.secretId).catch(() => undefined);
        throw err;
      }
    });
  });
  await secretRotated(db, app, viewer);
  return rotated;
}

export async function retireSecret(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, secretId: string): Promise<void> {
  const app = await findManageableApp(db, viewer, appId, 'manage its applications’ secrets');
  const secret = await db.clientSecret.findFirst({ where: { id: secretId, applicationId: app.id } });
  if (!secret) throw notFound('That secret');
  if (!idp.retireClientSecret || !app.clientId || !secret.idpSecretId)
    throw invalid('This identity provider cannot retire secrets one at a time');
  const clientId = app.clientId;
  await withAppLock(db, app.id, async () => {
    if ((await db.clientSecret.count({ where: { applicationId: app.id } })) < 2) {
      throw conflict('This is the application’s only secret. Rotate first, then retire the old one');
    }
    await audited(
      db,
      { actor: viewer, action: 'secret.retire', target: { type: 'application', id: app.id }, detail: { hint: secret.hint } },
      async () => {
        await idp.retireClientSecret!(clientId, secret.idpSecretId!);
        await db.clientSecret.delete({ where: { id: secret.id } });
      },
    );
  });
}
