import { api } from './api';

/** Tells the embedded IdP that this person pressed "Sign out" here (app/api/auth/logout-intent). */
export const announceSignOut = () => api<void>('/api/auth/logout-intent', { method: 'POST' });
