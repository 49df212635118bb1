// Every TanStack Query key the portal uses, from one factory, so that a change
// made on one page refreshes what every other page shows. Keys nest: `apps.all`
// is a prefix of every app key, so invalidating it refreshes the list and each
// app's page; `admin.all` likewise for the console.

type AdminList = 'apps' | 'subscriptions' | 'users' | 'audit' | 'products';

export const queryKeys = {
  apps: {
    all: ['apps'] as const,
    /** Every page of my apps (a prefix of `list`). */
    lists: () => ['apps', 'list'] as const,
    list: (query: string) => ['apps', 'list', query] as const,
    detail: (appId: string) => ['apps', 'detail', appId] as const,
    usage: (appId: string, range: string) => ['apps', 'usage', appId, range] as const,
    /** A product page's menus of my apps, with whether each is subscribed to it. */
    choices: (slug: string) => ['apps', 'choices', slug] as const,
  },
  /** Who is signed in: the header and the public catalog pages ask from the browser. */
  signedInUser: ['session', 'user'] as const,
  /** The subscribe menu's products and plans. */
  subscribeMenu: ['catalog', 'options'] as const,
  /** A product's try-it operations. */
  tryItOperations: (slug: string) => ['catalog', 'operations', slug] as const,
  teams: {
    all: ['teams'] as const,
    list: () => ['teams', 'list'] as const,
    detail: (teamId: string) => ['teams', 'detail', teamId] as const,
    webhooks: (teamId: string) => ['teams', 'webhooks', teamId] as const,
    deliveries: (teamId: string, webhookId: string) => ['teams', 'webhooks', teamId, webhookId] as const,
  },
  tokens: {
    list: (kind: 'personal' | 'service') => ['tokens', kind] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    unread: () => ['notifications', 'unread'] as const,
    inbox: () => ['notifications', 'inbox'] as const,
    preferences: () => ['notifications', 'preferences'] as const,
  },
  admin: {
    all: ['admin'] as const,
    /** Every products key: the pages (`list('products', query)`) and the selects' options. */
    products: () => ['admin', 'products'] as const,
    /** Every product's id and name (the selects). */
    productOptions: () => ['admin', 'products', 'options'] as const,
    product: (ref: string) => ['admin', 'product', ref] as const,
    overview: () => ['admin', 'overview'] as const,
    approvals: () => ['admin', 'approvals'] as const,
    scopes: () => ['admin', 'scopes'] as const,
    drift: () => ['admin', 'drift'] as const,
    people: () => ['admin', 'people'] as const,
    plans: (ref: string) => ['admin', 'plans', ref] as const,
    usage: (range: string) => ['admin', 'usage', range] as const,
    /** Every page of one admin list (a prefix of `list`). */
    lists: (kind: AdminList) => ['admin', kind] as const,
    list: (kind: AdminList, query: string) => ['admin', kind, query] as const,
  },
};
