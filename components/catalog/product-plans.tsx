import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { describeLimits, type PlanView } from '@/lib/plans/plan-view';

// The catalog's view of a product's plans: what each allows, which is the
// default, and which needs an admin's approval.

const n = (v: number) => v.toLocaleString('en-US');

export function ProductPlans({ plans }: { plans: PlanView[] }) {
  if (plans.length === 0) return null;
  return (
    <Card className="p-6" role="region" aria-labelledby="plans-title">
      <h2 id="plans-title" className="text-lg font-semibold">
        Plans
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A subscription is on one plan; the gateway answers <code className="font-mono">429 Too Many Requests</code> beyond its limits, with{' '}
        <code className="font-mono">Retry-After</code> and the <code className="font-mono">RateLimit</code> headers. You can change plans
        later from your app’s page.
      </p>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {plans.map((plan) => (
          <li key={plan.id} className="rounded-lg border border-slate-200 p-4" data-testid={`catalog-plan-${plan.key}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold text-slate-900">{plan.name}</span>
              {plan.isDefault && <Badge tone="brand">default</Badge>}
              {plan.approvalRequired && <Badge tone="amber">needs approval</Badge>}
            </div>
            {plan.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
            <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Rate limit</dt>
                <dd className="font-medium text-slate-900">{plan.rate ? `${n(plan.rate.limit)} / ${plan.rate.window}` : 'none'}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Quota</dt>
                <dd className="font-medium text-slate-900">{plan.quota ? `${n(plan.quota.limit)} / ${plan.quota.window}` : 'none'}</dd>
              </div>
            </dl>
            <p className="sr-only">{describeLimits(plan)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
