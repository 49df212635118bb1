'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import * as adminApi from '@/lib/client/admin';
import { errorMessage } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { describeLimits, type PlanView } from '@/lib/plans/plan-view';
import { createPlanSchema } from '@/lib/plans/schemas';

// A product's plans in the admin console: the limits the data path enforces
// for each subscription, which plan is the default, and which need approval.
// Changes apply to the next call through the portal's gateway, and to a
// standalone authz process at its next poll of the limits table.

export function PlansCard({ productRef, productName }: { productRef: string; productName: string }) {
  const queryClient = useQueryClient();
  const key = queryKeys.admin.plans(productRef);
  const plans = useQuery({ queryKey: key, queryFn: () => adminApi.listPlans(productRef) });
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PlanView | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: queryKeys.admin.product(productRef) });
  };
  const makeDefault = useMutation({
    mutationFn: (plan: PlanView) => adminApi.updatePlan(productRef, plan.id, { isDefault: true }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (plan: PlanView) => adminApi.deletePlan(productRef, plan.id),
    onSuccess: () => setDeleting(null),
    onSettled: refresh,
  });

  return (
    <Card className="p-6" aria-labelledby="plans-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 id="plans-title" className="text-lg font-semibold">
            Plans
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Each subscription is on one plan: a rate limit (a bucket refilled over a second or a minute) and a quota (per UTC day or month).
            The data path answers 429 beyond them.
          </p>
        </div>
        <Button size="sm" onClick={() => setEditing('new')}>
          Add a plan
        </Button>
      </div>
      {(makeDefault.isError || remove.isError) && (
        <div className="mt-3">
          <Notice tone="error">{errorMessage(makeDefault.error ?? remove.error)}</Notice>
        </div>
      )}
      {plans.isPending ? (
        <Loading label="Loading plans…" />
      ) : plans.isError ? (
        <ErrorState message={plans.error.message} onRetry={() => void plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No plans yet: subscriptions to {productName} have no limits. Add a plan to give them some; the first one becomes the default.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Plans">
          {plans.data.map((plan) => (
            <li key={plan.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid={`plan-row-${plan.key}`}>
              <span className="font-medium text-slate-900">{plan.name}</span>
              <span className="text-slate-600">{describeLimits(plan)}</span>
              {plan.isDefault && <Badge tone="brand">default</Badge>}
              {plan.approvalRequired && <Badge tone="amber">needs approval</Badge>}
              <code className="font-mono text-xs text-slate-400">{plan.key}</code>
              <span className="ml-auto flex gap-2">
                {!plan.isDefault && (
                  <Button size="sm" variant="ghost" onClick={() => makeDefault.mutate(plan)} disabled={makeDefault.isPending}>
                    Make default
                  </Button>
                )}
                <Button size="sm" variant="secondary" onClick={() => setEditing(plan)} aria-label={`Edit plan ${plan.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setDeleting(plan)}
                  disabled={plan.isDefault && plans.data.length > 1}
                  title={plan.isDefault && plans.data.length > 1 ? 'Make another plan the default first' : undefined}
                  aria-label={`Delete plan ${plan.name}`}
                >
                  Delete
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <PlanDialog
          productRef={productRef}
          plan={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title={`Delete the ${deleting?.name ?? ''} plan?`}>
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            Its subscriptions move to the default plan
            {plans.data?.length === 1 ? ' — this is the last plan, so they will have no limits at all' : ''}. Requests to move to it are
            dropped.
          </p>
          {remove.isError && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" disabled={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>
              Delete plan
            </Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}

function PlanDialog({
  productRef,
  plan,
  onClose,
  onSaved,
}: {
  productRef: string;
  plan?: PlanView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const form = useFieldErrors(createPlanSchema);
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof createPlanSchema.parse>) =>
      plan
        ? adminApi.updatePlan(productRef, plan.id, {
            name: input.name,
            description: input.description,
            rate: input.rate,
            quota: input.quota,
            approvalRequired: input.approvalRequired,
            ...(input.isDefault && !plan.isDefault && { isDefault: true as const }),
          })
        : adminApi.createPlan(productRef, input),
    onSuccess: onSaved,
  });
  const [rateOn, setRateOn] = useState(plan ? plan.rate !== null : true);
  const [quotaOn, setQuotaOn] = useState(plan ? plan.quota !== null : true);
  const err = (f: string) => form.error(f, save.error);
  return (
    <Dialog open onClose={onClose} title={plan ? `Edit ${plan.name}` : 'Add a plan'}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          const parsed = form.check({
            name: d.get('name'),
            description: d.get('description') ?? '',
            rate: rateOn ? { limit: d.get('rateLimit'), window: d.get('rateWindow') } : null,
            quota: quotaOn ? { limit: d.get('quotaLimit'), window: d.get('quotaWindow') } : null,
            approvalRequired: d.get('approvalRequired') === 'on',
            isDefault: d.get('isDefault') === 'on',
          });
          if (parsed) save.mutate(parsed);
        }}
      >
        <Field id="plan-name" label="Name" error={err('name')}>
          <Input id="plan-name" name="name" defaultValue={plan?.name} placeholder="Gold" aria-invalid={!!err('name')} />
        </Field>
        <Field id="plan-description" label="Description" error={err('description')}>
          <Input id="plan-description" name="description" defaultValue={plan?.description} placeholder="What the plan is for" />
        </Field>
        <LimitFields
          kind="rate"
          label="Rate limit"
          on={rateOn}
          onToggle={setRateOn}
          limit={plan?.rate?.limit ?? 10}
          window={plan?.rate?.window ?? 'minute'}
          windows={['second', 'minute']}
          perLabel="Per"
          error={err}
        />
        <LimitFields
          kind="quota"
          label="Quota"
          on={quotaOn}
          onToggle={setQuotaOn}
          limit={plan?.quota?.limit ?? 1000}
          window={plan?.quota?.window ?? 'day'}
          windows={['day', 'month']}
          perLabel="Per (UTC)"
          error={err}
        />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="approvalRequired" defaultChecked={plan?.approvalRequired} /> Subscribing to it or moving to it needs
          an admin’s approval
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="isDefault" defaultChecked={plan?.isDefault} disabled={plan?.isDefault} /> The default plan
        </label>
        {save.isError && !Object.keys((save.error as { fields?: object }).fields ?? {}).length && (
          <Notice tone="error">{errorMessage(save.error)}</Notice>
        )}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {plan ? 'Save plan' : 'Add plan'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** A limit's fields: on or off, the number of requests, the window (names `rateLimit`/`rateWindow` or `quotaLimit`/`quotaWindow`). */
function LimitFields(props: {
  kind: 'rate' | 'quota';
  label: string;
  on: boolean;
  onToggle: (on: boolean) => void;
  limit: number;
  window: string;
  windows: string[];
  perLabel: string;
  error: (field: string) => string | undefined;
}) {
  const { kind } = props;
  return (
    <fieldset className="space-y-2">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" checked={props.on} onChange={(e) => props.onToggle(e.target.checked)} /> {props.label}
      </label>
      {props.on && (
        <div className="grid grid-cols-[1fr_10rem] gap-2">
          <Field id={`plan-${kind}`} label="Requests" error={props.error(`${kind}.limit`)}>
            <Input id={`plan-${kind}`} name={`${kind}Limit`} inputMode="numeric" defaultValue={props.limit} />
          </Field>
          <Field id={`plan-${kind}-window`} label={props.perLabel} error={props.error(`${kind}.window`)}>
            <select id={`plan-${kind}-window`} name={`${kind}Window`} className={selectClass} defaultValue={props.window}>
              {props.windows.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </fieldset>
  );
}

/** The plans as the gateway's own rate-limit configuration, with the ExtAuthPolicy's options. */
export function RateLimitDownloads({ slug, query }: { slug: string; query: URLSearchParams }) {
  const href = (format: 'gloo' | 'envoy') => {
    const q = new URLSearchParams(query);
    q.set('format', format);
    return `/api/admin/products/${encodeURIComponent(slug)}/rate-limit-policy?${q}`;
  };
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      <p className="text-xs text-slate-500">The plans’ limits for the gateway’s own rate-limit service:</p>
      <div className="grid grid-cols-2 gap-2">
        <a href={href('gloo')} download className={buttonClass({ variant: 'secondary', size: 'sm' })} data-testid="download-ratelimit-gloo">
          Gloo RateLimitPolicy
        </a>
        <a
          href={href('envoy')}
          download
          className={buttonClass({ variant: 'secondary', size: 'sm' })}
          data-testid="download-ratelimit-envoy"
        >
          Envoy descriptors
        </a>
      </div>
    </div>
  );
}
