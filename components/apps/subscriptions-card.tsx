'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { selectClass } from '@/components/ui/field';
import { Notice } from '@/components/ui/states';
import { errorMessage } from '@/lib/client/api';
import { subscribe, unsubscribe } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { StatusBadge } from './status-badge';
import type { AppDetail } from '@/lib/apps/app-detail';
import type { CatalogOption } from '@/lib/products/product-summary';

type Sub = AppDetail['subscriptions'][number];

export function SubscriptionsCard({ app, catalog }: { app: AppDetail; catalog: CatalogOption[] }) {
  const queryClient = useQueryClient();
  const key = queryKeys.apps.detail(app.id);
  const [choice, setChoice] = useState('');
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
    mutationFn: (apiProductId: string) => subscribe(app.id, apiProductId),
    onMutate: (apiProductId) => {
      const p = catalog.find((c) => c.apiProductId === apiProductId)!;
      setChoice('');
      return optimistic((subs) => [
        ...subs.filter((s) => s.product.apiProductId !== apiProductId),
        {
          id: `pending-${apiProductId}`,
          product: { apiProductId, name: p.name, slug: '', scope: '…' },
          status: p.approvalRequired ? 'pending' : 'approved',
          reason: null,
          decidedAt: null,
          createdAt: new Date().toISOString(),
          plan: null,
          requestedPlan: null,
          plans: [],
        },
      ]);
    },
    onError: rollback,
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
              {s.reason && <span className="text-slate-600">“{s.reason}”</span>}
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
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) add.mutate(choice);
        }}
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="subscribe-product" className="text-sm font-medium text-slate-800">
            Subscribe to an API product
          </label>
          <select id="subscribe-product" className={`${selectClass} mt-1.5`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a product…</option>
            {available.map((p) => (
              <option key={p.apiProductId} value={p.apiProductId}>
                {p.name}
                {p.approvalRequired ? ' (needs approval)' : ''}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={!choice || add.isPending}>
          Subscribe
        </Button>
      </form>
      {(add.isError || remove.isError) && (
        <div className="mt-3">
          <Notice tone="error">{errorMessage(add.error ?? remove.error)} Nothing was changed.</Notice>
        </div>
      )}
    </Card>
  );
}
