import { api } from './api';

// The browser's calls for a product's deprecation (the admin product page).

const deprecation = (ref: string) => `/api/admin/products/${encodeURIComponent(ref)}/deprecation`;

export const deprecateProduct = (ref: string, sunset: string) =>
  api<{ sunset: string | null }>(deprecation(ref), { method: 'PUT', body: { sunset } });
export const undeprecateProduct = (ref: string) => api<void>(deprecation(ref), { method: 'DELETE' });
