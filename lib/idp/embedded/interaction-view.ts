import type Provider from 'oidc-provider';

// What the sign-in and consent pages show: who is asking, for what. Read from
// the Interaction the provider stored; the page only renders when the
// browser holds that interaction's cookie (the form post re-checks it, signed).

export interface InteractionView {
  uid: string;
  prompt: 'login' | 'consent';
  clientName: string;
  scopes: string[];
  loginHint?: string;
}

export async function interactionView(provider: Provider, uid: string, cookieUid: string | undefined): Promise<InteractionView | null> {
  if (!cookieUid || cookieUid !== uid) return null;
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return null;
  const clientId = String(interaction.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  const prompt = interaction.prompt.name === 'consent' ? 'consent' : 'login';
  const details = interaction.prompt.details as { missingOIDCScope?: string[] };
  const requested = String(interaction.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  return {
    uid,
    prompt,
    clientName: client?.clientName ?? clientId,
    scopes: prompt === 'consent' ? (details.missingOIDCScope ?? requested) : requested,
    loginHint: typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined,
  };
}
