// The events people can hear about (docs/architecture.md, "Notifications"),
// what each is called in preferences, and whether a team's webhooks may carry it.

export const EVENTS = {
  'subscription.requested': { label: 'A subscription waits for approval (admins)' },
  'subscription.approved': { label: 'A subscription of your app was approved' },
  'subscription.rejected': { label: 'A subscription of your app was rejected' },
  'secret.rotated': { label: 'A secret of your app was rotated' },
  'product.changed': { label: 'An API your app uses changed in a breaking way' },
  'product.deprecated': { label: 'An API your app uses was deprecated' },
  'product.sunset': { label: 'An API your app uses reached its sunset date' },
  'drift.found': { label: 'The portal and the identity provider disagree (admins)' },
} as const;

export type NotificationEvent = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as NotificationEvent[];

/** Events about a team's own apps and the APIs they use: what a team's webhook can receive. */
export const TEAM_EVENTS: NotificationEvent[] = [
  'subscription.approved',
  'subscription.rejected',
  'secret.rotated',
  'product.changed',
  'product.deprecated',
  'product.sunset',
];
