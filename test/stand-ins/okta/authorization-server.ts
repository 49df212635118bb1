import { asArray, asObject, errors, paginate } from './http';
import { newRule, now, oktaId, renumber, type AuthServer, type Policy, type Rule, type Scope } from './org';
import type { Call, Reply, Route } from './routes';

// /api/v1/authorizationServers/{as}: the server itself, its scopes, and its
// access policies with their rules.

const AS = '^\\/api\\/v1\\/authorizationServers\\/([^/]+)';
const route = (method: string, tail: string, handler: (c: Call, server: AuthServer) => Reply | Promise<Reply>): Route => [
  method,
  new RegExp(`${AS}${tail}$`),
  (c) => handler(c, serverOr404(c)),
];

function serverOr404(c: Call): AuthServer {
  if (c.params[0] !== c.org.server.id) throw errors.notFound(`${c.params[0]} (AuthorizationServer)`);
  return c.org.server;
}

function scopeOr404(server: AuthServer, id: string): Scope {
  const scope = server.scopes.find((s) => s.id === id);
  if (!scope) throw errors.notFound(`${id} (OAuth2Scope)`);
  return scope;
}

function policyOr404(server: AuthServer, id: string): Policy {
  const policy = server.policies.find((p) => p.id === id);
  if (!policy) throw errors.notFound(`${id} (Policy)`);
  return policy;
}

function ruleOr404(policy: Policy, id: string): Rule {
  const rule = policy.rules.find((r) => r.id === id);
  if (!rule) throw errors.notFound(`${id} (PolicyRule)`);
  return rule;
}

const policyJson = (server: AuthServer, p: Policy) => {
  const { rules: _rules, ...rest } = p;
  const href = `/api/v1/authorizationServers/${server.id}/policies/${p.id}`;
  return { ...rest, _links: { self: { href }, rules: { href: `${href}/rules` } } };
};

function parsePolicy(body: Record<string, unknown>) {
  const clients = asArray(asObject(asObject(body.conditions).clients).include);
  const causes: string[] = [];
  if (body.type !== undefined && body.type !== 'OAUTH_AUTHORIZATION_POLICY') causes.push('type: Invalid policy type specified');
  if (typeof body.name !== 'string' || !body.name.trim()) causes.push('name: The field cannot be left blank');
  if (typeof body.description !== 'string' || !body.description.trim()) causes.push('description: The field cannot be left blank');
  if (!clients.length) causes.push('conditions.clients: The policy must apply to at least one client or ALL_CLIENTS');
  if (causes.length) throw errors.validation(...causes);
  return { name: String(body.name), description: String(body.description), clients, priority: Number(body.priority) || undefined };
}

function parseRule(body: Record<string, unknown>, server: AuthServer) {
  const conditions = asObject(body.conditions);
  const grants = asArray(asObject(conditions.grantTypes).include);
  const scopes = asArray(asObject(conditions.scopes).include);
  const people = asObject(conditions.people);
  const token = asObject(asObject(body.actions).token);
  const causes: string[] = [];
  if (typeof body.name !== 'string' || !body.name.trim()) causes.push('name: The field cannot be left blank');
  if (!grants.length) causes.push('conditions.grantTypes: At least one grant type is required');
  if (!scopes.length) causes.push('conditions.scopes: At least one scope is required');
  const unknown = scopes.filter((s) => s !== '*' && !server.scopes.some((known) => known.name === s));
  if (unknown.length) causes.push(`conditions.scopes: Scopes not found on the authorization server: ${unknown.join(', ')}`);
  if (!people.groups && !people.users) causes.push('conditions.people: The people condition is required');
  if (causes.length) throw errors.validation(...causes);
  const list = (v: unknown) => asArray(asObject(v).include);
  return {
    name: String(body.name),
    priority: Number(body.priority) || undefined,
    conditions: {
      people: { users: { include: list(people.users), exclude: [] }, groups: { include: list(people.groups), exclude: [] } },
      grantTypes: { include: grants },
      scopes: { include: scopes },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: Number(token.accessTokenLifetimeMinutes) || 60,
        refreshTokenLifetimeMinutes: Number(token.refreshTokenLifetimeMinutes) || 0,
        refreshTokenWindowMinutes: Number(token.refreshTokenWindowMinutes) || 10080,
      },
    },
  };
}

export function authorizationServerRoutes(signingKid: string): Route[] {
  return [
    route('GET', '', (_c, server) => {
      const { scopes: _s, policies: _p, ...rest } = server;
      return { status: 200, body: { ...rest, credentials: { signing: { kid: signingKid, rotationMode: 'AUTO', use: 'sig' } } } };
    }),

    // Scopes
    route('GET', '\\/scopes', (c, server) => {
      const q = c.url.searchParams.get('q')?.toLowerCase();
      const scopes = server.scopes.filter((s) => !q || s.name.toLowerCase().startsWith(q));
      const { page, link } = paginate(scopes, c.url, c.origin, { defaultLimit: c.maxPageSize, maxLimit: c.maxPageSize });
      return { status: 200, body: page, headers: { link } };
    }),
    route('POST', '\\/scopes', async (c, server) => {
      const body = await c.json();
      const name = typeof body.name === 'string' ? body.name : '';
      if (!name.trim()) throw errors.validation('name: The field cannot be left blank');
      if (/\s/.test(name)) throw errors.validation('name: Scope names may not contain whitespace');
      if (name.startsWith('okta.')) throw errors.validation("name: The 'okta.' prefix is reserved");
      if (server.scopes.some((s) => s.name === name)) throw errors.validation('name: A scope with this name already exists');
      const scope: Scope = {
        id: oktaId('scp'),
        name,
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
        system: false,
        default: body.default === true,
        optional: body.optional === true,
        consent: typeof body.consent === 'string' ? body.consent : 'IMPLICIT',
        metadataPublish: typeof body.metadataPublish === 'string' ? body.metadataPublish : 'NO_CLIENTS',
      };
      server.scopes.push(scope);
      return { status: 201, body: scope };
    }),
    route('GET', '\\/scopes\\/([^/]+)', (c, server) => ({ status: 200, body: scopeOr404(server, c.params[1]!) })),
    route('DELETE', '\\/scopes\\/([^/]+)', (c, server) => {
      const scope = scopeOr404(server, c.params[1]!);
      if (scope.system) throw errors.validation('system: System scopes cannot be deleted');
      server.scopes = server.scopes.filter((s) => s !== scope);
      return { status: 204 };
    }),

    // Access policies
    route('GET', '\\/policies', (_c, server) => ({ status: 200, body: server.policies.map((p) => policyJson(server, p)) })),
    route('POST', '\\/policies', async (c, server) => {
      const body = await c.json();
      const v = parsePolicy(body);
      const t = now();
      const policy: Policy = {
        type: 'OAUTH_AUTHORIZATION_POLICY',
        id: oktaId('00p'),
        name: v.name,
        description: v.description,
        status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
        priority: v.priority ?? server.policies.length + 1,
        system: false,
        created: t,
        lastUpdated: t,
        conditions: { clients: { include: v.clients } },
        rules: [],
      };
      server.policies = renumber([...server.policies, policy], policy);
      return { status: 201, body: policyJson(server, policy) };
    }),
    route('GET', '\\/policies\\/([^/]+)', (c, server) => ({ status: 200, body: policyJson(server, policyOr404(server, c.params[1]!)) })),
    route('PUT', '\\/policies\\/([^/]+)', async (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      const v = parsePolicy(await c.json());
      Object.assign(policy, {
        name: v.name,
        description: v.description,
        conditions: { clients: { include: v.clients } },
        lastUpdated: now(),
      });
      if (v.priority)
        server.policies = renumber(
          server.policies.map((p) => (p === policy ? Object.assign(p, { priority: v.priority! }) : p)),
          policy,
        );
      return { status: 200, body: policyJson(server, policy) };
    }),
    route('DELETE', '\\/policies\\/([^/]+)', (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      if (policy.system) throw errors.validation('system: The default policy cannot be deleted');
      server.policies = renumber(server.policies.filter((p) => p !== policy));
      return { status: 204 };
    }),
    route('POST', '\\/policies\\/([^/]+)\\/lifecycle\\/(activate|deactivate)', (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      policy.status = c.params[2] === 'activate' ? 'ACTIVE' : 'INACTIVE';
      return { status: 204 };
    }),

    // Rules
    route('GET', '\\/policies\\/([^/]+)\\/rules', (c, server) => ({ status: 200, body: policyOr404(server, c.params[1]!).rules })),
    route('POST', '\\/policies\\/([^/]+)\\/rules', async (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      const body = await c.json();
      const v = parseRule(body, server);
      const rule = newRule({
        ...v,
        priority: v.priority ?? policy.rules.length + 1,
        status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
      });
      policy.rules = renumber([...policy.rules, rule], rule);
      return { status: 201, body: rule };
    }),
    route('GET', '\\/policies\\/([^/]+)\\/rules\\/([^/]+)', (c, server) => ({
      status: 200,
      body: ruleOr404(policyOr404(server, c.params[1]!), c.params[2]!),
    })),
    route('PUT', '\\/policies\\/([^/]+)\\/rules\\/([^/]+)', async (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      const rule = ruleOr404(policy, c.params[2]!);
      const v = parseRule(await c.json(), server);
      // Status is not changed by PUT; that takes the lifecycle calls.
      Object.assign(rule, { name: v.name, conditions: v.conditions, actions: v.actions, lastUpdated: now() });
      if (v.priority)
        policy.rules = renumber(
          policy.rules.map((r) => (r === rule ? Object.assign(r, { priority: v.priority! }) : r)),
          rule,
        );
      return { status: 200, body: rule };
    }),
    route('DELETE', '\\/policies\\/([^/]+)\\/rules\\/([^/]+)', (c, server) => {
      const policy = policyOr404(server, c.params[1]!);
      const rule = ruleOr404(policy, c.params[2]!);
      policy.rules = renumber(policy.rules.filter((r) => r !== rule));
      return { status: 204 };
    }),
    route('POST', '\\/policies\\/([^/]+)\\/rules\\/([^/]+)\\/lifecycle\\/(activate|deactivate)', (c, server) => {
      const rule = ruleOr404(policyOr404(server, c.params[1]!), c.params[2]!);
      rule.status = c.params[3] === 'activate' ? 'ACTIVE' : 'INACTIVE';
      return { status: 204 };
    }),
  ];
}
