import type {
  AuthorizationServerPolicy,
  AuthorizationServerPolicyRule,
  AuthorizationServerPolicyRuleRequest,
  Client,
} from '@okta/okta-sdk-nodejs';
import { collect } from './sdk-client';

// Which products a client may get tokens for lives in the custom authorization
// server's access policies, the only place Okta keeps "client X may request
// scope Y": one policy per Lanyard client (conditions.clients.include = [it]),
// holding one rule that grants exactly the subscribed scopes: for
// client_credentials (service apps), or for authorization_code (web, spa and
// native apps, whose rule also names the OIDC scopes a sign-in asks for; a
// refresh follows the rule of the grant it came from). Okta evaluates policies, then rules, by priority and issues a token
// from the first rule that covers *every* requested scope; a request for any
// other scope falls through and ends in `access_denied` ("Policy evaluation
// failed") — unless a later policy (say an ALL_CLIENTS catch-all granting `*`
// for client_credentials) matches instead. That is why the authorization
// server Lanyard manages must not carry such a catch-all (README in
// test/stand-ins/okta/).
//
// A service client with no products has no policy at all: nothing to grant,
// nothing left behind when it is deleted. A user-facing one keeps a rule for
// its OIDC scopes, so people can sign in to it before it subscribes.

export const POLICY_PREFIX = 'lanyard-';
const RULE_NAME = 'lanyard-subscribed-products';

/** The grant each kind of client's rule allows. */
export const SERVICE_GRANTS = ['client_credentials'];
export const USER_GRANTS = ['authorization_code'];
/** OIDC scopes a user-facing client's rule allows besides its products (Okta's system scopes). */
export const USER_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const policyNameFor = (clientId: string) => `${POLICY_PREFIX}${clientId}`;

export interface PolicyContext {
  okta: Client;
  authServerId: string;
}

export interface LanyardPolicy {
  policy: AuthorizationServerPolicy & { id: string };
  clientId: string;
}

/** Policies Lanyard wrote: named after their single client. */
export async function listLanyardPolicies({ okta, authServerId }: PolicyContext): Promise<LanyardPolicy[]> {
  const policies = await collect(await okta.authorizationServerApi.listAuthorizationServerPolicies({ authServerId }));
  return policies.flatMap((policy) => {
    const clients = policy.conditions?.clients?.include ?? [];
    const clientId = clients.length === 1 ? clients[0]! : undefined;
    if (!policy.id || !clientId || policy.name !== policyNameFor(clientId)) return [];
    return [{ policy: policy as LanyardPolicy['policy'], clientId }];
  });
}

async function rulesOf({ okta, authServerId }: PolicyContext, policyId: string): Promise<AuthorizationServerPolicyRule[]> {
  return collect(await okta.authorizationServerApi.listAuthorizationServerPolicyRules({ authServerId, policyId }));
}

const scopesIn = (rule: AuthorizationServerPolicyRule | undefined) => [...(rule?.conditions?.scopes?.include ?? [])].sort();

/** The scopes the policy's Lanyard rule grants ([] without one, or while it or the policy is inactive). */
export async function grantedScopes(ctx: PolicyContext, entry: LanyardPolicy): Promise<string[]> {
  if (entry.policy.status === 'INACTIVE') return [];
  const rule = (await rulesOf(ctx, entry.policy.id)).find((r) => r.name === RULE_NAME);
  return rule?.status === 'INACTIVE' ? [] : scopesIn(rule);
}

function ruleFor(scopes: string[], grantTypes: string[]): AuthorizationServerPolicyRuleRequest {
  return {
    type: 'RESOURCE_ACCESS',
    name: RULE_NAME,
    priority: 1,
    status: 'ACTIVE',
    conditions: {
      grantTypes: { include: grantTypes },
      // Okta requires a people condition on every rule; a service client has
      // no user, and EVERYONE is how the Admin Console writes "any".
      people: { groups: { include: ['EVERYONE'] } },
      scopes: { include: scopes },
    },
    // Refresh tokens: unlimited lifetime, but they lapse after 7 days unused.
    actions: { token: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 } },
  };
}

async function createPolicy({ okta, authServerId }: PolicyContext, clientId: string) {
  const created = await okta.authorizationServerApi.createAuthorizationServerPolicy({
    authServerId,
    policy: {
      type: 'OAUTH_AUTHORIZATION_POLICY',
      name: policyNameFor(clientId),
      description: `Managed by Lanyard: the API products client ${clientId} is subscribed to. Do not edit.`,
      // First, so no other policy can answer for this client's subscribed scopes.
      priority: 1,
      status: 'ACTIVE',
      conditions: { clients: { include: [clientId] } },
    },
  });
  return created.id!;
}

/**
 * Makes the client's policy grant exactly `scopes` (none: the policy goes)
 * for `grantTypes` (default: what the rule grants now, else client_credentials).
 */
export async function setGrantedScopes(
  ctx: PolicyContext,
  clientId: string,
  scopes: string[],
  existing?: LanyardPolicy,
  grantTypes?: string[],
): Promise<void> {
  const { okta, authServerId } = ctx;
  const wanted = [...new Set(scopes)].sort();
  const mine = existing ? [existing] : (await listLanyardPolicies(ctx)).filter((p) => p.clientId === clientId);
  // Two portal replicas subscribing the same client at once can each create a
  // policy; one is enough.
  const [current, ...duplicates] = wanted.length ? mine : [];
  for (const extra of wanted.length ? duplicates : mine) {
    await okta.authorizationServerApi.deleteAuthorizationServerPolicy({ authServerId, policyId: extra.policy.id });
  }
  if (wanted.length === 0) return;
  const policyId = current?.policy.id ?? (await createPolicy(ctx, clientId));
  const rules = current ? await rulesOf(ctx, policyId) : [];
  const ours = rules.find((r) => r.name === RULE_NAME);
  const grants = grantTypes ?? ours?.conditions?.grantTypes?.include ?? SERVICE_GRANTS;
  // Rules someone added by hand to a Lanyard policy could grant more than the
  // subscriptions do; the policy is Lanyard's, so they go.
  for (const stray of rules) {
    if (stray !== ours && stray.id && !stray.system) {
      await okta.authorizationServerApi.deleteAuthorizationServerPolicyRule({ authServerId, policyId, ruleId: stray.id });
    }
  }
  const grantsOnly = ours?.conditions?.grantTypes?.include?.join(' ') === grants.join(' ');
  if (!ours?.id) {
    await okta.authorizationServerApi.createAuthorizationServerPolicyRule({ authServerId, policyId, policyRule: ruleFor(wanted, grants) });
  } else if (!grantsOnly || scopesIn(ours).join(' ') !== wanted.join(' ')) {
    await okta.authorizationServerApi.replaceAuthorizationServerPolicyRule({
      authServerId,
      policyId,
      ruleId: ours.id,
      policyRule: ruleFor(wanted, grants),
    });
  }
  // Status changes go through lifecycle calls, not PUT; someone may have
  // deactivated the rule or policy in the Admin Console.
  if (ours?.id && ours.status === 'INACTIVE') {
    await okta.authorizationServerApi.activateAuthorizationServerPolicyRule({ authServerId, policyId, ruleId: ours.id });
  }
  if (current?.policy.status === 'INACTIVE') {
    await okta.authorizationServerApi.activateAuthorizationServerPolicy({ authServerId, policyId });
  }
}

/** Takes `scope` out of every Lanyard rule (a policy left with nothing goes). */
export async function revokeScopeEverywhere(ctx: PolicyContext, scope: string): Promise<void> {
  for (const entry of await listLanyardPolicies(ctx)) {
    // Inactive or not, a rule naming the scope must lose it: the scope is about to stop existing.
    const scopes = scopesIn((await rulesOf(ctx, entry.policy.id)).find((r) => r.name === RULE_NAME));
    if (scopes.includes(scope)) {
      await setGrantedScopes(
        ctx,
        entry.clientId,
        scopes.filter((s) => s !== scope),
        entry,
      );
    }
  }
}
