'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { selectClass } from '@/components/ui/field';
import { Notice } from '@/components/ui/states';
import { errorMessage } from '@/lib/client/api';
import { changePlan, subscribe, unsubscribe } from '@/lib/client/apps';
import { getSubscribeMenu } from '@/lib/client/catalog';
import { queryKeys } from '@/lib/client/query-keys';
import { StatusBadge } from './status-badge';
import type { AppDetail } from '@/lib/apps/app-detail';
import { describeLimits, planChoiceLabel } from '@/lib/plans/plan-view';
import { Badge } from '@/components/ui/badge';

type Sub = AppDetail['subscriptions'][number];

export function SubscriptionsCard({ app }: { app: AppDetail }) {
  const queryClient = useQueryClient();
  // Only those who manage the app subscribe it, so only they load the menu.
  const menu = useQuery({ queryKey: queryKeys.subscribeMenu, queryFn: getSubscribeMenu, enabled: app.canManage, staleTime: 60_000 });
  const catalog = menu.data?.catalog ?? [];
  const plans = menu.data?.plans ?? {};
  const key = queryKeys.apps.detail(app.id);
  const [choice, setChoice] = useState('');
  const [planChoice, setPlanChoice] = useState('');
  const choicePlans = plans[choice] ?? [];
  const chosenPlan = choicePlans.find((p) => p.id === planChoice) ?? choicePlans.find((p) => p.isDefault);
  const subscribed = new Set(app.subscriptions.filter((s) => s.status !== 'rejected').map((s) => s.product.apiProductId));
  const available = catalog.filter((p) => !subscribed.has(p.apiProductId));

  // Optimistic changes: the list updates at once; an error puts it back and says why.
  const optimistic = async (change: (subs: Sub[]) => Sub[]) => {
    await queryClient.cancelQueries({ queryKey: key });
    const previous = queryClient.getQueryData<AppDetail>(key);
    queryClient.setQueryData<AppDetail>(key, (old) => (old ? { ...old, subscriptions: change(old.subscriptions) } : old));
    return { previous };
  };
  const rollback = (_e: unknown, _v: unknown, ctx?: { previous?: AppDetail }) => queryClient.setQueryData(key, ctx?.previous);
  const settle = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all });
  };

  const add = useMutation({
    mutationFn: ({ apiProductId, planId }: { apiProductId: string; planId?: string }) => subscribe(app.id, apiProductId, planId),
    onMutate: ({ apiProductId, planId }) => {
      const p = catalog.find((c) => c.apiProductId === apiProductId)!;
      const plan = (plans[apiProductId] ?? []).find((x) => x.id === planId) ?? null;
      setChoice('');
      setPlanChoice('');
      return optimistic((subs) => [
        ...subs.filter((s) => s.product.apiProductId !== apiProductId),
        {
          id: `pending-${apiProductId}`,
          product: { apiProductId, name: p.name, slug: '', scope: '…' },
          status: p.approvalRequired || plan?.approvalRequired ? 'pending' : 'approved',
          reason: null,
          decidedAt: null,
          createdAt: new Date().toISOString(),
          plan,
          requestedPlan: null,
          plans: plans[apiProductId] ?? [],
        },
      ]);
    },
    onError: rollback,
    onSettled: settle,
  });
  const move = useMutation({
    mutationFn: ({ sub, planId }: { sub: Sub; planId: string }) => changePlan(app.id, sub.id, planId),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (sub: Sub) => unsubscribe(app.id, sub.id),
    onMutate: (sub) => optimistic((subs) => subs.filter((s) => s.id !== sub.id)),
    onError: rollback,
    onSettled: settle,
  });

  return (
    <Card className="p-6" aria-labelledby="subscriptions-title">
      <h2 id="subscriptions-title" className="text-lg font-semibold">
        Subscriptions
      </h2>
      <p className="mt-1 text-sm text-slate-600">Tokens for this app carry the scopes of its approved subscriptions, and nothing else.</p>
      {app.subscriptions.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No subscriptions yet.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Subscriptions">
          {app.subscriptions.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm"
              data-testid={`subscription-${s.product.apiProductId}`}
            >
              <Link href={s.product.slug ? `/apis/${s.product.slug}` : '#'} className="font-medium text-slate-900 hover:underline">
                {s.product.name}
              </Link>
              <code className="font-mono text-xs text-slate-500">{s.product.scope}</code>
              <StatusBadge status={s.status} />
              {s.plan && (
                <Badge tone="brand" className="gap-1">
                  <span data-testid={`plan-${s.product.apiProductId}`}>{s.plan.name}</span>
                  <span className="font-normal text-brand-600">· {describeLimits(s.plan)}</span>
                </Badge>
              )}
              {s.requestedPlan && <Badge tone="amber">{s.requestedPlan.name} requested · waiting for approval</Badge>}
              {s.reason && <span className="text-slate-600">“{s.reason}”</span>}
              {app.canManage && s.status === 'approved' && s.plans.length > 1 && (
                <select
                  aria-label={`Plan for ${s.product.name}`}
                  className="h-8 max-w-80 rounded-lg border border-slate-300 bg-white px-2 text-xs text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
                  value={s.requestedPlan?.id ?? s.plan?.id ?? ''}
                  disabled={move.isPending}
                  onChange={(e) => move.mutate({ sub: s, planId: e.target.value })}
                >
                  {s.plans.map((p) => (
                    <option key={p.id} value={p.id}>
                      {planChoiceLabel(p)}
                    </option>
                  ))}
                </select>
              )}
              {app.canManage && (
                <Button
                  className="ml-auto"
                  size="sm"
                  variant="secondary"
                  onClick={() => remove.mutate(s)}
                  disabled={s.id.startsWith('pending-')}
                  aria-label={`Unsubscribe from ${s.product.name}`}
                >
                  {s.status === 'pending' ? 'Withdraw' : s.status === 'rejected' ? 'Remove' : 'Unsubscribe'}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {app.canManage && (
        <form
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) add.mutate({ apiProductId: choice, planId: chosenPlan?.id });
          }}
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="subscribe-product" className="text-sm font-medium text-slate-800">
              Subscribe to an API product
            </label>
            <select
              id="subscribe-product"
              className={`${selectClass} mt-1.5`}
              value={choice}
              disabled={!menu.data}
              onChange={(e) => {
                setChoice(e.target.value);
                setPlanChoice('');
              }}
            >
              <option value="">
                {menu.isError ? 'The products could not be loaded' : menu.data ? 'Choose a product…' : 'Loading products…'}
              </option>
              {available.map((p) => (
                <option key={p.apiProductId} value={p.apiProductId}>
                  {p.name}
                  {p.approvalRequired ? ' (needs approval)' : ''}
                </option>
              ))}
            </select>
          </div>
          {choicePlans.length > 0 && (
            <div className="min-w-64 flex-1">
              <label htmlFor="subscribe-plan" className="text-sm font-medium text-slate-800">
                Plan
              </label>
              <select
                id="subscribe-plan"
                className={`${selectClass} mt-1.5`}
                value={chosenPlan?.id ?? ''}
                onChange={(e) => setPlanChoice(e.target.value)}
              >
                {choicePlans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {planChoiceLabel(p)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Button type="submit" disabled={!choice || add.isPending}>
            Subscribe
          </Button>
        </form>
      )}
      {move.data && !move.isPending && (
        <div className="mt-3">
          <Notice tone={move.data.outcome === 'requested' ? 'warning' : 'success'}>
            {move.data.outcome === 'requested'
              ? `Asked for the ${move.data.requestedPlan?.name} plan: an admin will review it. ${move.data.plan.name} applies until then.`
              : move.data.outcome === 'withdrawn'
                ? `Request withdrawn: ${move.data.plan.name} stays.`
                : `Now on ${move.data.plan.name}: its limits apply to the next call.`}
          </Notice>
        </div>
      )}
      {(add.isError || remove.isError || move.isError) && (
        <div className="mt-3">
          <Notice tone="error">{errorMessage(add.error ?? remove.error ?? move.error)} Nothing was changed.</Notice>
        </div>
      )}
    </Card>
  );
}
