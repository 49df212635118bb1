import type { AppChoice } from '../apps/app-choices';
import type { TryItOperation } from '../products/try-it-operations';
import type { SubscribeMenu } from '../products/subscribe-menu';
import { api } from './api';

/** The subscribe menu's products and plans (app/api/catalog/options). */
export const getSubscribeMenu = () => api<SubscribeMenu>('/api/catalog/options');

/** A product's try-it operations (app/api/catalog/[slug]/operations). */
export const getTryItOperations = (slug: string) => api<TryItOperation[]>(`/api/catalog/${encodeURIComponent(slug)}/operations`);

/** The signed-in user's apps for a product page's subscribe and try-it menus (app/api/catalog/[slug]/app-choices). */
export const getAppChoices = (slug: string) => api<AppChoice[]>(`/api/catalog/${encodeURIComponent(slug)}/app-choices`);
