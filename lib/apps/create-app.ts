import { randomUUID } from 'node:crypto';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { teamRole } from '../teams/membership';
import type { Viewer } from './access';
import type { CreateAppInput } from './schemas';
import { secretHint } from './secret-hint';

export interface CreatedApplication {
  id: string;
  clientId: string;
  /** Shown to the user once, never stored. */
  clientSecret: string;
}

/**
 * Creates the IdP client first, then the portal's record. If the record cannot
 * be written, the client is deleted again: a failure leaves nothing behind on
 * either side.
 */
export async function createApplication(db: Db, idp: IdpAdapter, viewer: Viewer, input: CreateAppInput): Promise<CreatedApplication> {
  if (input.ownerTeamId && !(await teamRole(db, input.ownerTeamId, viewer.id))) {
    throw invalid('You can only create applications for teams you are in', { ownerTeamId: 'You are not a member of that team' });
  }
  const appId = randomUUID();
  return audited(
    db,
    {
      actor: viewer,
      action: 'application.create',
      target: { type: 'application', id: appId },
      detail: { name: input.name, ownerTeamId: input.ownerTeamId ?? null },
    },
    async () => {
      const client = await idp.createClient({ appId });
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
            secrets: { create: { hint: secretHint(client.clientSecret), idpSecretId: client.secretId ?? null } },
          },
        });
      } catch (err) {
        await idp.deleteClient(client.clientId).catch((cleanup: unknown) => {
          console.error(`Could not remove IdP client ${client.clientId} after a failed create:`, cleanup);
        });
        throw err;
      }
      return { id: appId, clientId: client.clientId, clientSecret: client.clientSecret };
    },
    (r) => ({ clientId: r.clientId }),
  );
}
