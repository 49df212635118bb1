import 'server-only';
import { env } from '../env';
import { notFound } from '../errors';

/** Lanyard ID accounts exist only when the embedded IdP signs people in; elsewhere the IdP owns its people. */
export function assertEmbeddedIdp(): void {
  if (env().LANYARD_IDP !== 'embedded') throw notFound('Lanyard ID accounts (people sign in through another identity provider)');
}

export const usesEmbeddedSignIn = () => env().LANYARD_IDP === 'embedded';
