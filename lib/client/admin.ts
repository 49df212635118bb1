import type { AdminOverview } from '../overview/admin-overview';
import type { AdminAppRow } from '../apps/list-all-apps';
import type { AuditRow } from '../audit/list-audit';
import type { ReconcileResult } from '../drift/reconcile';
import type { DriftReport } from '../drift/report';
import type { ScopesView } from '../drift/scopes-view';
import type { Page } from '../pagination';
import type { IdpPersonRow } from '../people/manage-people';
import type { AdminProductDetail, AdminProductSummary, ProductOption } from '../products/admin-products';
import type { PublishedProduct } from '../products/publish-product';
import type { PendingApproval } from '../subscriptions/approvals';
import type { Decision } from '../subscriptions/decide-subscription';
import type { AdminSubscriptionRow } from '../subscriptions/list-subscriptions';
import type { AdminUserRow } from '../users/list-users';
import type { PlanView } from '../plans/plan-view';
import type { CreatePlanInput, UpdatePlanInput } from '../plans/schemas';
import type { AdminUsage } from '../usage/admin-usage';
import type { UsageRange } from '../usage/schemas';
import type { OpenApiWarning } from '../products/openapi';
import { api } from './api';

// The admin console's calls (app/api/admin/**). Types come from lib/.

const product = (ref: string) => `/api/admin/products/${encodeURIComponent(ref)}`;

/** `query` is the list's URL query string (search and page). */
export const listProducts = (query: string) => api<Page<AdminProductSummary>>(`/api/admin/products?${query}`);
/** Every product's id and name, for a select. */
export const listProductOptions = () => api<ProductOption[]>('/api/admin/products?view=options');
export const getProduct = (ref: string) => api<AdminProductDetail>(product(ref));
export const publishProduct = (body: Record<string, unknown>) => api<PublishedProduct>('/api/admin/products', { method: 'POST', body });
export const updateProduct = (ref: string, body: Record<string, unknown>) =>
  api<AdminProductDetail & { warnings: OpenApiWarning[] }>(product(ref), { method: 'PATCH', body });
export const deleteProduct = (ref: string, confirm: boolean) =>
  api<{ endedSubscriptions: number }>(`${product(ref)}${confirm ? '?confirm=true' : ''}`, { method: 'DELETE' });

export const getOverview = () => api<AdminOverview>('/api/admin/overview');
export const listApprovals = () => api<{ items: PendingApproval[]; total: number }>('/api/admin/approvals');
export const decide = (subscriptionId: string, input: { approve: boolean; reason: string }) =>
  api<Decision>(`/api/admin/subscriptions/${encodeURIComponent(subscriptionId)}/decision`, { method: 'POST', body: input });

/** `query` is the list's URL query string (filters and page). */
export const listAllApps = (query: string) => api<Page<AdminAppRow>>(`/api/admin/apps?${query}`);
export const listAllSubscriptions = (query: string) => api<Page<AdminSubscriptionRow>>(`/api/admin/subscriptions?${query}`);
export const listUsers = (query: string) => api<Page<AdminUserRow>>(`/api/admin/users?${query}`);
export const listAudit = (query: string) => api<Page<AuditRow> & { actions: string[] }>(`/api/admin/audit?${query}`);

export const getScopes = () => api<ScopesView>('/api/admin/scopes');
export const getDrift = () => api<DriftReport>('/api/admin/drift');
export const reconcile = (options: { dryRun: boolean; deleteExtraProducts: boolean }) =>
  api<ReconcileResult>('/api/admin/drift/reconcile', { method: 'POST', body: options });

type PasswordLink = { setPasswordUrl: string; expiresAt: string };
export const listIdpPeople = () => api<IdpPersonRow[]>('/api/admin/idp-people');
export const createIdpPerson = (input: { email: string; name: string; admin: boolean }) =>
  api<PasswordLink & { id: string; email: string }>('/api/admin/idp-people', { method: 'POST', body: input });
export const setIdpPersonDisabled = (id: string, disabled: boolean) =>
  api<void>(`/api/admin/idp-people/${encodeURIComponent(id)}`, { method: 'PATCH', body: { disabled } });
export const newPasswordLink = (id: string) =>
  api<PasswordLink>(`/api/admin/idp-people/${encodeURIComponent(id)}/password-link`, { method: 'POST' });
const plans = (ref: string) => `${product(ref)}/plans`;
export const listPlans = (ref: string) => api<PlanView[]>(plans(ref));
export const createPlan = (ref: string, input: Partial<CreatePlanInput>) => api<PlanView>(plans(ref), { method: 'POST', body: input });
export const updatePlan = (ref: string, planId: string, input: UpdatePlanInput) =>
  api<PlanView>(`${plans(ref)}/${encodeURIComponent(planId)}`, { method: 'PATCH', body: input });
export const deletePlan = (ref: string, planId: string) => api<void>(`${plans(ref)}/${encodeURIComponent(planId)}`, { method: 'DELETE' });

export const getUsage = (range: UsageRange) => api<AdminUsage>(`/api/admin/usage?range=${range}`);
export const usageCsvUrl = (range: UsageRange) => `/api/admin/usage.csv?range=${range}`;
