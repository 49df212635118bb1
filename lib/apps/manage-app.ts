import { audited } from '../audit/audited';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';
import { findManageableApp, type Viewer } from './access';
import { withAppLock } from './app-lock';

export async function updateApplication(db: Db, viewer: Viewer, appId: string, changes: { name?: string; description?: string }) {
  const app = await findManageableApp(db, viewer, appId, 'change its applications');
  return audited(db, { actor: viewer, action: 'application.update', target: { type: 'application', id: app.id }, detail: changes }, () =>
    db.application.update({ where: { id: app.id }, data: changes }),
  );
}

/**
 * Deletes the IdP client, then the record and its subscriptions. A client the
 * IdP no longer has counts as deleted, so a retry after a half-way failure
 * finishes the job instead of failing forever.
 */
export async function deleteApplication(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string): Promise<void> {
  const app = await findManageableApp(db, viewer, appId, 'delete its applications');
  await withAppLock(db, app.id, () =>
    audited(
      db,
      {
        actor: viewer,
        action: 'application.delete',
        target: { type: 'application', id: app.id },
        detail: { name: app.name, clientId: app.clientId },
      },
      async () => {
        if (app.clientId) {
          await idp.deleteClient(app.clientId).catch((err: unknown) => {
            if (!isIdpError(err, 'not_found')) throw err;
          });
        }
        await db.application.delete({ where: { id: app.id } });
      },
    ),
  );
}
