import type { NotificationEvent } from '../notifications/events';
import type { Inbox, PreferenceView } from '../notifications/inbox';
import type { DeliveryView, WebhookView } from '../notifications/webhooks';
import { api } from './api';

// The browser's calls for notifications, preferences and team webhooks.

export const getInbox = () => api<Inbox>('/api/notifications');
export const getUnread = () => api<{ unread: number }>('/api/notifications/unread');
export const markRead = (which: { all: true } | { ids: string[] }) =>
  api<{ marked: number }>('/api/notifications/read', { method: 'POST', body: which });

export const getPreferences = () => api<{ preferences: PreferenceView[] }>('/api/account/notification-preferences');
export const savePreferences = (preferences: { event: NotificationEvent; inApp: boolean; email: boolean }[]) =>
  api<{ preferences: PreferenceView[] }>('/api/account/notification-preferences', { method: 'PUT', body: { preferences } });

const hooks = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}/webhooks`;
const hook = (teamId: string, webhookId: string) => `${hooks(teamId)}/${encodeURIComponent(webhookId)}`;

export const listWebhooks = (teamId: string) => api<{ webhooks: WebhookView[] }>(hooks(teamId));
export const createWebhook = (teamId: string, input: { url: string; events: NotificationEvent[] }) =>
  api<{ webhook: WebhookView; secret: string }>(hooks(teamId), { method: 'POST', body: input });
export const setWebhookActive = (teamId: string, webhookId: string, active: boolean) =>
  api<void>(hook(teamId, webhookId), { method: 'PATCH', body: { active } });
export const deleteWebhook = (teamId: string, webhookId: string) => api<void>(hook(teamId, webhookId), { method: 'DELETE' });
export const listDeliveries = (teamId: string, webhookId: string) =>
  api<{ deliveries: DeliveryView[] }>(`${hook(teamId, webhookId)}/deliveries`);
export const redeliver = (teamId: string, webhookId: string, deliveryId: string) =>
  api<DeliveryView>(`${hook(teamId, webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST', body: {} });
export const pingWebhook = (teamId: string, webhookId: string) =>
  api<DeliveryView>(`${hook(teamId, webhookId)}/ping`, { method: 'POST', body: {} });
