import { randomUUID } from 'node:crypto';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { ClientSettings, IdpAdapter } from '../idp/types';
import { teamRole } from '../teams/membership';
import type { Viewer } from './access';
import type { AppType } from './app-types';
import { settingsColumns } from './client-settings';
import { createAppSchema, type CreateAppInput } from './schemas';
import { secretHint } from './secret-hint';

export interface CreatedApplication {
  id: string;
  type: AppType;
  clientId: string;
  /** Shown to the user once, never stored. Absent for spa and native apps (public) and private_key_jwt service apps. */
  clientSecret?: string;
}

/**
 * Creates the IdP client first, then the portal's record. If the record cannot
 * be written, the client is deleted again: a failure leaves nothing behind on
 * either side. What the IdP cannot hold (private_key_jwt on Cognito) is
 * refused before anything is created, in the IdP's own words.
 */
export async function createApplication(db: Db, idp: IdpAdapter, viewer: Viewer, raw: CreateAppInput): Promise<CreatedApplication> {
  const input = createAppSchema.parse(raw);
  if (input.ownerTeamId && !(await teamRole(db, input.ownerTeamId, viewer.id))) {
    throw invalid('You can only create applications for teams you are in', { ownerTeamId: 'You are not a member of that team' });
  }
  const pkjwt = input.clientAuthentication === 'private_key_jwt';
  const unsupported = pkjwt ? idp.features().limits.privateKeyJwt : undefined;
  if (unsupported) throw invalid(unsupported, { clientAuthentication: unsupported });
  const settings: ClientSettings = {
    type: input.type,
    redirectUris: input.redirectUris,
    postLogoutRedirectUris: input.postLogoutRedirectUris,
    signingKeys: !pkjwt ? undefined : input.jwksUri ? { jwksUri: input.jwksUri } : { jwks: input.jwks! },
    displayName: input.name,
  };
  const appId = randomUUID();
  return audited(
    db,
    {
      actor: viewer,
      action: 'application.create',
      target: { type: 'application', id: appId },
      detail: { name: input.name, ownerTeamId: input.ownerTeamId ?? null, type: input.type, redirectUris: input.redirectUris },
    },
    async () => {
      const client = await idp.createAppClient({ appId, settings });
      try {
        await db.application.create({
          data: {
            id: appId,
            name: input.name,
            description: input.description,
            ownerUserId: input.ownerTeamId ? null : viewer.id,
            ownerTeamId: input.ownerTeamId ?? null,
            idp: idp.kind,
            clientId: client.clientId,
            clientName: client.clientName,
            createdById: viewer.id,
            ...settingsColumns(settings),
            ...(client.clientSecret && {
              secrets: { create: { hint: secretHint(client.clientSecret), idpSecretId: client.secretId ?? null } },
            }),
          },
        });
      } catch (err) {
        await idp.deleteClient(client.clientId).catch((cleanup: unknown) => {
          console.error(`Could not remove IdP client ${client.clientId} after a failed create:`, cleanup);
        });
        throw err;
      }
      return { id: appId, type: input.type, clientId: client.clientId, clientSecret: client.clientSecret };
    },
    (r) => ({ clientId: r.clientId }),
  );
}
