import type { ProductCallsView } from '../token-exchange/product-calls';
import type { ProductCallInput } from '../token-exchange/schemas';
import { api } from './api';

// The admin console's calls for product-to-product relationships (token exchange).

const calls = (productRef: string) => `/api/admin/products/${encodeURIComponent(productRef)}/calls`;

export const listProductCalls = (productRef: string) => api<ProductCallsView>(calls(productRef));
export const declareProductCall = (productRef: string, input: ProductCallInput) =>
  api<ProductCallsView>(calls(productRef), { method: 'POST', body: input });
export const removeProductCall = (productRef: string, callId: string) =>
  api<void>(`${calls(productRef)}/${encodeURIComponent(callId)}`, { method: 'DELETE' });
