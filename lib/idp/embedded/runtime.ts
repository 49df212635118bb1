import 'server-only';
import type Provider from 'oidc-provider';
import { db } from '../../db';
import { env } from '../../env';
import { kekFrom } from './provider/key-encryption';
import { createEmbeddedProvider } from './provider/create-provider';

// The one embedded provider of this process. The custom server creates it at
// start; Next's route handlers (sign-in pages, the SPI adapter) reach the same
// instance through globalThis, since Next bundles modules separately.

const holder = globalThis as unknown as { __lanyardEmbeddedIdp?: Promise<Provider> };

export function embeddedProvider(): Promise<Provider> {
  holder.__lanyardEmbeddedIdp ??= createEmbeddedProvider({
    portalUrl: env().LANYARD_URL,
    authSecret: requiredSecret(),
    db,
    keyEncryptionKey: kekFrom(env().LANYARD_KEY_ENCRYPTION_KEY),
  });
  return holder.__lanyardEmbeddedIdp;
}

function requiredSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set (npm start generates one in .data/)');
  return secret;
}
