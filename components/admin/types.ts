// What the admin pages receive from /api/admin (shapes from lib/admin and lib/drift).
export type { AdminProductDetail, AdminProductSummary } from '@/lib/admin/products';
export type { PendingApproval } from '@/lib/admin/approvals';
export type { AdminAppRow, AdminSubscriptionRow, AdminUserRow } from '@/lib/admin/lists';
export type { AuditRow } from '@/lib/admin/audit';
export type { Page } from '@/lib/admin/pagination';
export type { ScopesView, ScopeRow } from '@/lib/admin/scopes';
export type { DriftReport } from '@/lib/drift/report';
export type { ActionResult, ReconcileResult } from '@/lib/drift/reconcile';
