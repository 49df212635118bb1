import type Provider from 'oidc-provider';
import type { Db } from '../../db';
import type { LanyardClientFields } from './provider/client-metadata';

// What the sign-in and consent pages show: who is asking, for what. Read from
// the Interaction the provider stored; the page only renders when the
// browser holds that interaction's cookie (the form post re-checks it, signed).
// The consent page names the API products an application asks to call as
// the person (their scopes, from the prompt's missing resource scopes), with
// the names the IdP holds for them.

export interface InteractionView {
  uid: string;
  prompt: 'login' | 'consent';
  clientName: string;
  /** OIDC scopes (identity) the person is asked for. */
  scopes: string[];
  /** API products the application asks to call as the person. */
  products: { scope: string; name: string }[];
  loginHint?: string;
}

type ConsentDetails = { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };

export async function interactionView(
  provider: Provider,
  uid: string,
  cookieUid: string | undefined,
  db?: Db,
): Promise<InteractionView | null> {
  if (!cookieUid || cookieUid !== uid) return null;
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return null;
  const clientId = String(interaction.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  const prompt = interaction.prompt.name === 'consent' ? 'consent' : 'login';
  const details = interaction.prompt.details as ConsentDetails;
  const requested = String(interaction.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  const productScopes = [...new Set(Object.values(details.missingResourceScopes ?? {}).flat())].sort();
  const known = productScopes.length && db ? await db.idpApiScope.findMany({ where: { scope: { in: productScopes } } }) : [];
  const displayName = (client as unknown as LanyardClientFields | undefined)?.lanyard_display_name;
  return {
    uid,
    prompt,
    clientName: displayName ?? client?.clientName ?? clientId,
    scopes: prompt === 'consent' ? (details.missingOIDCScope ?? requested.filter((s) => !productScopes.includes(s))) : requested,
    products: productScopes.map((scope) => ({ scope, name: known.find((k) => k.scope === scope)?.description || scope })),
    loginHint: typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined,
  };
}
