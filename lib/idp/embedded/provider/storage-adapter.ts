import 'server-only';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db } from '../../../db';

// oidc-provider's storage contract (its `adapter` option) over the OidcPayload
// table, so sessions, grants, codes, tokens and clients survive a restart.
// Expiry is enforced on read: a row past `expiresAt` is treated as absent.

export function storageAdapterFor(db: () => Db) {
  return class PrismaOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const data = {
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db().oidcPayload.upsert({
        where: { model_id: { model: this.model, id } },
        create: { model: this.model, id, ...data },
        update: data,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.read(await db().oidcPayload.findUnique({ where: { model_id: { model: this.model, id } } }));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.read(await db().oidcPayload.findFirst({ where: { model: this.model, uid } }));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.read(await db().oidcPayload.findFirst({ where: { model: this.model, userCode } }));
    }

    /**
     * One-time use (authorization codes, rotated refresh tokens): only the
     * first of two concurrent redemptions marks the row consumed; the second
     * finds it already consumed, is refused with invalid_grant, and the grant
     * is revoked as RFC 6749 §4.1.2 and RFC 9700 §4.14.2 ask for a reused code
     * or refresh token. Without this condition both would get tokens.
     */
    async consume(id: string): Promise<void> {
      const { count } = await db().oidcPayload.updateMany({
        where: { model: this.model, id, consumedAt: null },
        data: { consumedAt: new Date() },
      });
      if (count === 1) return;
      const row = await db().oidcPayload.findUnique({ where: { model_id: { model: this.model, id } }, select: { grantId: true } });
      if (row?.grantId) await this.revokeByGrantId(row.grantId);
      throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`);
    }

    async destroy(id: string): Promise<void> {
      await db().oidcPayload.deleteMany({ where: { model: this.model, id } });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db().oidcPayload.deleteMany({ where: { grantId } });
    }

    private read(row: { payload: string; expiresAt: Date | null; consumedAt: Date | null } | null): AdapterPayload | undefined {
      if (!row) return undefined;
      if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
      return payload;
    }
  };
}
