'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field, textareaClass } from '@/components/ui/field';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import { errorMessage } from '@/lib/client/api';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { decisionSchema } from '@/lib/subscriptions/schemas';
import { formatDateTime } from './format';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { PendingApproval } from '@/lib/subscriptions/approvals';

type Queue = { items: PendingApproval[]; total: number };
type Decision = { item: PendingApproval; approve: boolean; reason: string };

export function ApprovalsView() {
  const queryClient = useQueryClient();
  const queue = useQuery({ queryKey: queryKeys.admin.approvals(), queryFn: () => adminApi.listApprovals() });
  const [deciding, setDeciding] = useState<{ item: PendingApproval; approve: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Optimistic: the item leaves the queue at once and comes back if the server refuses.
  const decide = useMutation({
    mutationFn: ({ item, approve, reason }: Decision) => adminApi.decide(item.id, { approve, reason }),
    onMutate: async ({ item }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.admin.approvals() });
      const previous = queryClient.getQueryData<Queue>(queryKeys.admin.approvals());
      queryClient.setQueryData<Queue>(queryKeys.admin.approvals(), (old) =>
        old ? { items: old.items.filter((i) => i.id !== item.id), total: Math.max(0, old.total - 1) } : old,
      );
      setDeciding(null);
      return { previous };
    },
    onError: (_e, _v, ctx) => queryClient.setQueryData(queryKeys.admin.approvals(), ctx?.previous),
    onSuccess: (_r, { item, approve }) =>
      setDone(
        `${approve ? 'Approved' : 'Rejected'}: ${item.app.name} → ${item.product.name}${item.kind === 'plan_change' && item.requestedPlan ? ` (${item.requestedPlan.name} plan)` : ''}. The owner sees the decision on the app’s page.`,
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.approvals() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.lists('subscriptions') });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.drift() });
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Approvals"
        description="Subscriptions to products or plans that need an admin’s approval, and requests to move to such a plan, oldest first. Approving a subscription grants the product’s scope to the app’s client at once; approving a plan change applies the new plan’s limits."
      />
      {decide.isError && <Notice tone="error">The decision was not saved: {errorMessage(decide.error)}</Notice>}
      {done && !decide.isError && <Notice tone="success">{done}</Notice>}
      {queue.isPending ? (
        <Loading label="Loading the queue…" />
      ) : queue.isError ? (
        <ErrorState message={queue.error.message} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState title="Nothing waits for approval">
          When an application subscribes to a product that needs approval, it shows up here.
        </EmptyState>
      ) : (
        <Card className="divide-y divide-slate-100">
          {queue.data.items.map((item) => (
            <div key={item.id} className="flex flex-wrap items-center gap-4 px-5 py-4" data-testid={`approval-${item.app.name}`}>
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">
                  {item.app.name} <span className="font-normal text-slate-400">→</span>{' '}
                  <Link href={`/admin/products/${encodeURIComponent(item.product.slug)}`} className="hover:text-brand-700 hover:underline">
                    {item.product.name}
                  </Link>
                </p>
                <p className="mt-0.5 text-sm text-slate-500">
                  {item.app.owner} · asked by {item.requestedBy ?? 'unknown'} ·{' '}
                  <time dateTime={item.requestedAt}>{formatDateTime(item.requestedAt)}</time>
                </p>
                {item.kind === 'plan_change' && item.requestedPlan ? (
                  <p className="mt-1 text-sm text-slate-700" data-testid="approval-plan">
                    Wants to move from <strong>{item.plan?.name ?? 'no plan'}</strong> to <strong>{item.requestedPlan.name}</strong> (
                    {item.requestedPlan.limits}); the current plan applies until you decide.
                  </p>
                ) : (
                  item.plan && (
                    <p className="mt-1 text-sm text-slate-700" data-testid="approval-plan">
                      On the <strong>{item.plan.name}</strong> plan ({item.plan.limits})
                    </p>
                  )
                )}
                {item.app.description && <p className="mt-1 line-clamp-2 text-sm text-slate-600">{item.app.description}</p>}
              </div>
              {item.kind === 'plan_change' ? (
                <Badge tone="brand">plan change</Badge>
              ) : (
                <Badge tone="amber">scope {item.product.scope ?? item.product.apiProductId}</Badge>
              )}
              <div className="flex gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setDeciding({ item, approve: false })}
                  aria-label={`Reject ${item.app.name} for ${item.product.name}`}
                >
                  Reject
                </Button>
                <Button
                  size="sm"
                  onClick={() => setDeciding({ item, approve: true })}
                  aria-label={`Approve ${item.app.name} for ${item.product.name}`}
                >
                  Approve
                </Button>
              </div>
            </div>
          ))}
          {queue.data.total > queue.data.items.length && (
            <p className="px-5 py-3 text-sm text-slate-500">
              Showing the oldest {queue.data.items.length} of {queue.data.total}. Decide these to see the rest.
            </p>
          )}
        </Card>
      )}
      <DecisionDialog
        decision={deciding}
        onClose={() => setDeciding(null)}
        onDecide={(reason) => deciding && decide.mutate({ ...deciding, reason })}
        pending={decide.isPending}
        error={decide.error}
      />
    </div>
  );
}

function DecisionDialog({
  decision,
  onClose,
  onDecide,
  pending,
  error,
}: {
  decision: { item: PendingApproval; approve: boolean } | null;
  onClose: () => void;
  onDecide: (reason: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const [reason, setReason] = useState('');
  const form = useFieldErrors(decisionSchema);
  const approve = decision?.approve ?? true;
  const close = () => {
    setReason('');
    form.clear('reason');
    onClose();
  };
  return (
    <Dialog open={!!decision} onClose={close} title={approve ? 'Approve subscription' : 'Reject subscription'}>
      {decision && (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = form.check({ approve, reason });
            if (!parsed) return;
            setReason('');
            onDecide(parsed.reason);
          }}
        >
          <p className="text-sm text-slate-700">
            <strong>{decision.item.app.name}</strong> ({decision.item.app.owner}) asks for <strong>{decision.item.product.name}</strong>.{' '}
            {approve ? 'Its client is granted the scope and new tokens carry it.' : 'The app gets no access; the owner may ask again.'}
          </p>
          <Field
            id="decision-reason"
            label={approve ? 'Reason (optional)' : 'Reason'}
            error={form.error('reason', error)}
            hint="Shown to the app’s owner on the app’s page."
          >
            <textarea
              id="decision-reason"
              rows={3}
              className={textareaClass}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
              aria-invalid={!!form.error('reason', error)}
              aria-describedby={form.error('reason', error) ? 'decision-reason-error' : undefined}
              placeholder={approve ? 'Contract signed' : 'This API is for partners only'}
            />
          </Field>
          <div className="flex justify-end gap-3">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant={approve ? 'primary' : 'danger'} disabled={pending}>
              {approve ? 'Approve' : 'Reject'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
