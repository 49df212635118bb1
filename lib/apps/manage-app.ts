import { audited } from '../audit/audited';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import type { ClientSettings, IdpAdapter } from '../idp/types';
import { findManageableApp, type Viewer } from './access';
import { withAppLock } from './app-lock';
import { clientSettingsOf, settingsColumns } from './client-settings';
import { updateAppSchemaFor, type UpdateAppInput } from './schemas';

type AuthKind = 'client_secret' | 'private_key_jwt' | 'none';

/**
 * Renames, redescribes, or changes the redirect URIs or signing keys of an
 * application. The type's own rules apply (a service app has no redirect
 * URIs, only a private_key_jwt app has keys). Settings the IdP holds change
 * there first, then in the portal; if the portal's write fails, the IdP is
 * put back.
 */
export async function updateApplication(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, raw: UpdateAppInput) {
  const app = await findManageableApp(db, viewer, appId, 'change its applications');
  const changes = updateAppSchemaFor(clientSettingsOf(app).type, app.clientAuth as AuthKind).parse(raw);
  const before = clientSettingsOf(app);
  const after: ClientSettings = {
    ...before,
    displayName: changes.name ?? before.displayName,
    redirectUris: changes.redirectUris ?? before.redirectUris,
    postLogoutRedirectUris: changes.postLogoutRedirectUris ?? before.postLogoutRedirectUris,
    signingKeys: changes.jwksUri ? { jwksUri: changes.jwksUri } : changes.jwks ? { jwks: changes.jwks } : before.signingKeys,
  };
  const { type: _type, ...columns } = settingsColumns(after);
  const idpChanges = JSON.stringify({ ...after }) !== JSON.stringify({ ...before });
  const detail = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.redirectUris && { redirectUris: changes.redirectUris }),
    ...(changes.postLogoutRedirectUris && { postLogoutRedirectUris: changes.postLogoutRedirectUris }),
    ...((changes.jwks || changes.jwksUri) && { signingKeys: changes.jwksUri ? 'jwks_uri' : 'jwks' }),
  };
  return withAppLock(db, app.id, () =>
    audited(db, { actor: viewer, action: 'application.update', target: { type: 'application', id: app.id }, detail }, async () => {
      const clientId = app.clientId;
      if (idpChanges && clientId) await idp.updateClientSettings(clientId, after);
      try {
        return await db.application.update({
          where: { id: app.id },
          data: { name: changes.name, description: changes.description, ...columns },
        });
      } catch (err) {
        if (idpChanges && clientId) {
          await idp.updateClientSettings(clientId, before).catch((undo: unknown) => {
            console.error(`Could not restore the settings of IdP client ${clientId}:`, undo);
          });
        }
        throw err;
      }
    }),
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
