'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { selectClass } from '@/components/ui/field';
import { Notice } from '@/components/ui/states';
import { subscribe as subscribeApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { planChoiceLabel, type PlanView } from '@/lib/plans/plan-view';
import type { TryItApp } from './try-it';

/** Subscribe one of my apps to this product, straight from the catalog. */
export function SubscribePanel({
  apiProductId,
  approvalRequired,
  apps,
  plans = [],
}: {
  apiProductId: string;
  approvalRequired: boolean;
  apps: TryItApp[];
  plans?: PlanView[];
}) {
  const queryClient = useQueryClient();
  const candidates = apps.filter((a) => !a.subscribed);
  const [appId, setAppId] = useState(candidates[0]?.id ?? '');
  const [planId, setPlanId] = useState(plans.find((p) => p.isDefault)?.id ?? '');
  const plan = plans.find((p) => p.id === planId);
  const subscribe = useMutation({
    mutationFn: () => subscribeApp(appId, apiProductId, plan?.id),
    onSuccess: () => {
      // The app's page and list, and this page's menus, show the new subscription without a reload.
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all });
    },
  });
  if (!candidates.length) return null;
  return (
    <form
      className="mt-6 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        subscribe.mutate();
      }}
    >
      <div className="min-w-64">
        <label htmlFor="catalog-subscribe-app" className="text-sm font-medium text-slate-800">
          Subscribe an application
        </label>
        <select id="catalog-subscribe-app" className={`${selectClass} mt-1.5`} value={appId} onChange={(e) => setAppId(e.target.value)}>
          {candidates.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {plans.length > 0 && (
        <div className="min-w-64">
          <label htmlFor="catalog-subscribe-plan" className="text-sm font-medium text-slate-800">
            Plan
          </label>
          <select
            id="catalog-subscribe-plan"
            className={`${selectClass} mt-1.5`}
            value={planId}
            onChange={(e) => setPlanId(e.target.value)}
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {planChoiceLabel(p)}
              </option>
            ))}
          </select>
        </div>
      )}
      <Button type="submit" disabled={subscribe.isPending || !appId}>
        {approvalRequired || plan?.approvalRequired ? 'Request access' : 'Subscribe'}
      </Button>
      {subscribe.data && (
        <Notice tone="success">
          {subscribe.data.status === 'pending'
            ? 'Requested: an admin will review it.'
            : 'Subscribed: new tokens carry this product’s scope.'}
        </Notice>
      )}
      {subscribe.isError && <Notice tone="error">{subscribe.error.message}</Notice>}
    </form>
  );
}
