'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import { errorMessage } from '@/lib/client/api';
import { formatDateTime, plural } from './format';
import { Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { ActionResult, ReconcileResult } from '@/lib/drift/reconcile';

const list = (xs: string[]) =>
  xs.length ? (
    xs.map((x) => (
      <code key={x} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
        {x}
      </code>
    ))
  ) : (
    <span className="text-slate-400">none</span>
  );

/** One kind of drift: a heading with its count, what it means, and its rows (`children`): a table's when `headers` are given. */
function Section({
  title,
  explain,
  count,
  testId,
  headers,
  children,
}: {
  title: string;
  explain: string;
  count: number;
  testId: string;
  headers?: string[];
  children: ReactNode;
}) {
  if (!count) return null;
  return (
    <section className="space-y-2" data-testid={testId}>
      <div className="flex items-baseline gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        <Badge tone="red">{count}</Badge>
      </div>
      <p className="text-sm text-slate-600">{explain}</p>
      {headers ? (
        <Table label={title}>
          <thead>
            <tr>
              {headers.map((h) => (
                <Th key={h}>{h}</Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">{children}</tbody>
        </Table>
      ) : (
        children
      )}
    </section>
  );
}

const STATUS_TONE = { planned: 'brand', done: 'green', failed: 'red', skipped: 'neutral' } as const;

function ActionsTable({ actions, label }: { actions: ActionResult[]; label: string }) {
  if (!actions.length) return <p className="text-sm text-slate-600">Nothing to do: the identity provider matches the portal.</p>;
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Action</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {actions.map((a, i) => (
          <tr key={`${a.kind}-${a.target}-${i}`} data-testid="reconcile-action" data-kind={a.kind} data-status={a.status}>
            <Td>
              <Badge tone={STATUS_TONE[a.status]}>{a.status}</Badge>
            </Td>
            <Td>
              <code className="font-mono text-xs">{a.kind.replace(/_/g, ' ')}</code>
            </Td>
            <Td>
              <div className="text-slate-800">{a.summary}</div>
              {(a.note ?? a.skipped) && <div className="text-xs text-slate-500">{a.note ?? a.skipped}</div>}
              {a.error && (
                <div className="text-xs text-red-700">
                  {a.error}
                  {a.idpRequestId ? ` (IdP request ${a.idpRequestId})` : ''}
                </div>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function DriftView() {
  const queryClient = useQueryClient();
  const report = useQuery({ queryKey: queryKeys.admin.drift(), queryFn: () => adminApi.getDrift(), staleTime: 0 });
  const [confirming, setConfirming] = useState(false);
  const [deleteExtra, setDeleteExtra] = useState(false);
  const [result, setResult] = useState<ReconcileResult | null>(null);

  const run = useMutation({
    mutationFn: (options: { dryRun: boolean; deleteExtraProducts: boolean }) => adminApi.reconcile(options),
    onSuccess: (r) => {
      setResult(r);
      queryClient.setQueryData(queryKeys.admin.drift(), r.after ?? r.before);
      if (!r.dryRun) {
        setConfirming(false);
        void queryClient.invalidateQueries({ queryKey: queryKeys.admin.all, predicate: (q) => q.queryKey[1] !== 'drift' });
        void queryClient.invalidateQueries({ queryKey: queryKeys.admin.approvals() });
      }
    },
  });
  const plan = useMutation({
    mutationFn: (deleteExtraProducts: boolean) => adminApi.reconcile({ dryRun: true, deleteExtraProducts }),
  });

  const r = report.data;
  const openConfirm = () => {
    setConfirming(true);
    plan.mutate(deleteExtra);
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Drift"
        description="What the portal and the identity provider disagree on: clients, scopes and products. Reconcile makes the identity provider match the portal; every action is audited."
        actions={
          <>
            <Button
              variant="ghost"
              onClick={() => {
                setResult(null);
                void report.refetch();
              }}
              disabled={report.isFetching}
            >
              {report.isFetching ? 'Checking…' : 'Check again'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => run.mutate({ dryRun: true, deleteExtraProducts: deleteExtra })}
              disabled={run.isPending || !r}
            >
              Dry run
            </Button>
            <Button onClick={openConfirm} disabled={run.isPending || !r || r.clean}>
              Reconcile
            </Button>
          </>
        }
      />

      {run.isError && <Notice tone="error">Reconcile did not run: {errorMessage(run.error)}</Notice>}

      {report.isPending ? (
        <Loading label="Comparing the portal with the identity provider…" />
      ) : report.isError ? (
        <ErrorState message={report.error.message} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Card className={`flex flex-wrap items-center gap-4 p-5 ${r!.clean ? 'border-emerald-200' : 'border-amber-300'}`}>
            <span
              aria-hidden
              className={`flex h-10 w-10 items-center justify-center rounded-full text-lg font-semibold ${r!.clean ? 'bg-emerald-50 text-emerald-700' : 'bg-amber-50 text-amber-800'}`}
            >
              {r!.clean ? '✓' : '!'}
            </span>
            <div className="flex-1">
              <p className="font-semibold text-slate-900" data-testid="drift-status">
                {r!.clean ? 'The portal and the identity provider agree' : `${plural(r!.issues, 'difference')} found`}
              </p>
              <p className="text-sm text-slate-500">
                Checked against the {r!.idp} IdP at {formatDateTime(r!.checkedAt)}.
              </p>
            </div>
          </Card>

          {result && (
            <Card className="space-y-3 p-6" aria-live="polite">
              <h2 className="text-lg font-semibold" data-testid="reconcile-result-title">
                {result.dryRun ? 'Dry run: what reconcile would do' : result.ok ? 'Reconciled' : 'Reconciled, with failures'}
              </h2>
              {result.dryRun ? (
                <p className="text-sm text-slate-600">Nothing was changed.</p>
              ) : (
                !result.ok && <Notice tone="error">Some actions failed; the rest ran. Each outcome is in the audit log.</Notice>
              )}
              <ActionsTable actions={result.actions} label={result.dryRun ? 'Planned actions' : 'Reconcile actions'} />
            </Card>
          )}

          <Section
            title="Applications whose client is missing"
            explain="The portal has the app, the identity provider has no client for it. Reconcile creates a new client with the app’s approved scopes. Its secret is shown to no one: the owner rotates the secret on the app’s page to get a working one, then retires the unknown one."
            count={r!.missingClients.length}
            testId="drift-missing-clients"
            headers={['Application', 'Client on record', 'Approved products']}
          >
            {r!.missingClients.map((m) => (
              <tr key={m.appId}>
                <Td>
                  <div className="font-medium text-slate-900">{m.appName}</div>
                  <div className="text-xs text-slate-500">
                    {m.owner} · {m.appId}
                  </div>
                </Td>
                <Td>
                  <code className="font-mono text-xs">{m.clientId ?? 'none'}</code>
                  <div className="text-xs text-slate-500">{m.idp}</div>
                </Td>
                <Td>{list(m.approvedProducts)}</Td>
              </tr>
            ))}
          </Section>

          <Section
            title="Clients no application uses"
            explain="Clients named lanyard-<app id> in the identity provider with no portal application. Reconcile deletes them."
            count={r!.orphanClients.length}
            testId="drift-orphan-clients"
            headers={['Client', 'App id in its name', 'Scopes']}
          >
            {r!.orphanClients.map((c) => (
              <tr key={c.clientId}>
                <Td>
                  <div className="font-medium text-slate-900">{c.clientName}</div>
                  <code className="font-mono text-xs text-slate-500">{c.clientId}</code>
                </Td>
                <Td>
                  <code className="font-mono text-xs">{c.appId ?? '—'}</code>
                </Td>
                <Td>{list(c.scopes)}</Td>
              </tr>
            ))}
          </Section>

          <Section
            title="Clients with different scopes"
            explain="The client may request other scopes than its application’s approved subscriptions. Reconcile sets them to the approved set."
            count={r!.scopeDrift.length}
            testId="drift-scopes"
            headers={['Application', 'Missing in the IdP', 'Extra in the IdP']}
          >
            {r!.scopeDrift.map((d) => (
              <tr key={d.appId}>
                <Td>
                  <div className="font-medium text-slate-900">{d.appName}</div>
                  <div className="text-xs text-slate-500">
                    {d.owner} · client {d.clientId}
                  </div>
                </Td>
                <Td>{list(d.missing)}</Td>
                <Td>{list(d.extra)}</Td>
              </tr>
            ))}
          </Section>

          <Section
            title="Products missing in the identity provider"
            explain="Published in the portal, unknown to the IdP: no token can carry their scope. Reconcile creates them in the IdP."
            count={r!.productsMissingInIdp.length}
            testId="drift-products-missing"
          >
            <Card className="divide-y divide-slate-100">
              {r!.productsMissingInIdp.map((p) => (
                <div key={p.apiProductId} className="px-5 py-3 text-sm">
                  <span className="font-medium">{p.name}</span>{' '}
                  <code className="ml-2 font-mono text-xs text-slate-500">{p.apiProductId}</code>
                </div>
              ))}
            </Card>
          </Section>

          <Section
            title="Products only the identity provider has"
            explain="The IdP has these scopes, the portal publishes no such product. They are only reported; reconcile deletes them when you ask it to."
            count={r!.productsMissingInPortal.length}
            testId="drift-products-extra"
          >
            <Card className="divide-y divide-slate-100">
              {r!.productsMissingInPortal.map((p) => (
                <div key={p.apiProductId} className="px-5 py-3 text-sm">
                  <code className="font-mono">{p.scope}</code> <span className="ml-2 text-slate-500">{p.description}</span>
                </div>
              ))}
            </Card>
          </Section>

          <Section
            title="Product scopes recorded wrong"
            explain="The portal recorded another scope at publishing than the IdP reports now. Reconcile records the IdP’s."
            count={r!.productScopeStale.length}
            testId="drift-scope-records"
          >
            <Card className="divide-y divide-slate-100">
              {r!.productScopeStale.map((p) => (
                <div key={p.apiProductId} className="px-5 py-3 text-sm">
                  <span className="font-medium">{p.name}</span>: portal <code className="font-mono">{p.portalScope ?? 'none'}</code>, IdP{' '}
                  <code className="font-mono">{p.idpScope}</code>
                </div>
              ))}
            </Card>
          </Section>

          {(r!.spiManaged.clients.length > 0 || r!.spiManaged.products.length > 0) && (
            <details className="rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm">
              <summary className="cursor-pointer font-medium text-slate-800">
                Not drift: {plural(r!.spiManaged.clients.length, 'client')} and {plural(r!.spiManaged.products.length, 'product')} created
                through the SPI over HTTP
              </summary>
              <p className="mt-2 text-slate-600">
                Automation (Gloo’s portal server, CI) owns these; the portal has no record of them by design, and reconcile leaves them
                alone.
              </p>
              <ul className="mt-3 space-y-1 font-mono text-xs text-slate-700">
                {r!.spiManaged.clients.map((c) => (
                  <li key={c.clientId}>
                    client {c.clientName} ({c.clientId})
                  </li>
                ))}
                {r!.spiManaged.products.map((p) => (
                  <li key={p.apiProductId}>
                    product {p.apiProductId} (scope {p.scope})
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}

      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Reconcile now?">
        <div className="space-y-4 text-sm text-slate-700">
          <p>These changes are made in the identity provider so that it matches the portal:</p>
          {plan.isPending ? (
            <Loading label="Working out the plan…" />
          ) : plan.isError ? (
            <Notice tone="error">{errorMessage(plan.error)}</Notice>
          ) : plan.data ? (
            <ul className="max-h-64 list-disc space-y-1 overflow-y-auto pl-5" aria-label="Planned actions">
              {plan.data.actions.map((a, i) => (
                <li key={i} className={a.skipped ? 'text-slate-400' : undefined}>
                  {a.summary}
                  {a.skipped ? ' (reported only)' : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {r && r.productsMissingInPortal.length > 0 && (
            <label className="flex items-start gap-3 rounded-lg border border-slate-200 p-3">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 accent-red-600"
                checked={deleteExtra}
                onChange={(e) => {
                  setDeleteExtra(e.target.checked);
                  plan.mutate(e.target.checked);
                }}
              />
              <span>
                Also delete the {plural(r.productsMissingInPortal.length, 'product')} only the identity provider has, and their scopes from
                every client.
              </span>
            </label>
          )}
          {run.isError && <Notice tone="error">{errorMessage(run.error)}</Notice>}
          <div className="flex justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => run.mutate({ dryRun: false, deleteExtraProducts: deleteExtra })}
              disabled={run.isPending || plan.isPending}
            >
              {run.isPending ? 'Reconciling…' : 'Reconcile now'}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
