import type { SessionUser } from '../auth/current-user';
import { api } from './api';

/** Who is signed in, or null (app/api/account/me). */
export const getSignedInUser = () => api<{ user: SessionUser | null }>('/api/account/me').then((r) => r.user);

/** Tells the embedded IdP that this person pressed "Sign out" here (app/api/auth/logout-intent). */
export const announceSignOut = () => api<void>('/api/auth/logout-intent', { method: 'POST' });

/** Sets a Lanyard ID password from a one-time link. */
export const setPasswordWithLink = (token: string, password: string) =>
  api<{ email: string }>('/api/account/set-password', { method: 'POST', body: { token, password } });

export const changePassword = (current: string, password: string) =>
  api<void>('/api/account/password', { method: 'POST', body: { current, password } });
