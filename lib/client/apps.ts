import type { AppDetail } from '../apps/app-detail';
import type { CreatedApplication } from '../apps/create-app';
import type { AppListItem } from '../apps/list-apps';
import type { Page } from '../pagination';
import type { RotatedSecret } from '../apps/secrets';
import type { CreateAppInput, UpdateAppInput } from '../apps/schemas';
import type { PlanChange } from '../subscriptions/change-plan';
import type { SubscriptionCreated } from '../subscriptions/subscribe';
import type { AppUsage } from '../usage/app-usage';
import type { UsageRange } from '../usage/schemas';
import type { FetchedToken } from '../token-tool/fetch-token';
import type { TokenVerification } from '../token-tool/token-actions';
import type { TokenTypeHint } from '../token-tool/schemas';
import { api } from './api';

// The browser's calls for applications, their credentials, subscriptions and
// tokens (app/api/apps/**). Types come from lib/, so a change to what the
// server returns is a type error here rather than a surprise in the UI.

const app = (appId: string) => `/api/apps/${encodeURIComponent(appId)}`;

/** `query` is the list's URL query string (search and page). */
export const listApps = (query: string) => api<Page<AppListItem>>(`/api/apps?${query}`);
export const getApp = (appId: string) => api<AppDetail>(app(appId));
export const createApp = (input: CreateAppInput) => api<CreatedApplication>('/api/apps', { method: 'POST', body: input });
export const updateApp = (appId: string, changes: UpdateAppInput) => api<AppDetail>(app(appId), { method: 'PATCH', body: changes });
export const deleteApp = (appId: string) => api<void>(app(appId), { method: 'DELETE' });

export const rotateSecret = (appId: string) => api<RotatedSecret>(`${app(appId)}/secrets`, { method: 'POST' });
export const retireSecret = (appId: string, secretId: string) =>
  api<void>(`${app(appId)}/secrets/${encodeURIComponent(secretId)}`, { method: 'DELETE' });

export const subscribe = (appId: string, apiProductId: string, planId?: string) =>
  api<SubscriptionCreated>(`${app(appId)}/subscriptions`, { method: 'POST', body: { apiProductId, ...(planId && { planId }) } });
export const unsubscribe = (appId: string, subscriptionId: string) =>
  api<void>(`${app(appId)}/subscriptions/${encodeURIComponent(subscriptionId)}`, { method: 'DELETE' });

type TokenAuth = { clientSecret?: string; clientAssertion?: string };
export const fetchToken = (appId: string, input: TokenAuth & { apiProductId?: string }) =>
  api<FetchedToken>(`${app(appId)}/token`, { method: 'POST', body: input });
/** Redeems the code of a sign-in the browser ran (Authorization Code + PKCE) for a web, spa or native app. */
export const redeemCode = (appId: string, input: { code: string; codeVerifier: string; redirectUri: string; clientSecret?: string }) =>
  api<FetchedToken>(`${app(appId)}/token/code`, { method: 'POST', body: input });
export const refreshToken = (appId: string, input: { refreshToken: string; clientSecret?: string }) =>
  api<FetchedToken>(`${app(appId)}/token/refresh`, { method: 'POST', body: input });
export const verifyToken = (appId: string, token: string) =>
  api<TokenVerification>(`${app(appId)}/token/verify`, { method: 'POST', body: { token } });
type TokenAction = TokenAuth & { token: string; tokenTypeHint?: TokenTypeHint };
export const introspectToken = (appId: string, input: TokenAction) =>
  api<Record<string, unknown>>(`${app(appId)}/token/introspect`, { method: 'POST', body: input });
export const revokeToken = (appId: string, input: TokenAction) =>
  api<{ revoked: true }>(`${app(appId)}/token/revoke`, { method: 'POST', body: input });

export const changePlan = (appId: string, subscriptionId: string, planId: string) =>
  api<PlanChange>(`${app(appId)}/subscriptions/${encodeURIComponent(subscriptionId)}`, { method: 'PATCH', body: { planId } });

export const getAppUsage = (appId: string, range: UsageRange) => api<AppUsage>(`${app(appId)}/usage?range=${range}`);
export const appUsageCsvUrl = (appId: string, range: UsageRange) => `${app(appId)}/usage.csv?range=${range}`;
