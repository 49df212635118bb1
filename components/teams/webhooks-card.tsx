'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import { createWebhook, deleteWebhook, listWebhooks, pingWebhook, setWebhookActive } from '@/lib/client/notifications';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { EVENTS, TEAM_EVENTS, type NotificationEvent } from '@/lib/notifications/events';
import { createWebhookSchema } from '@/lib/notifications/schemas';
import { WebhookDeliveries } from './webhook-deliveries';

/** A team's webhooks (docs/architecture.md, "Notifications"): owners add, pause, test and remove; everyone in the team sees the log. */
export function WebhooksCard({ teamId, owner }: { teamId: string; owner: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.teams.webhooks(teamId);
  const hooks = useQuery({ queryKey: key, queryFn: () => listWebhooks(teamId) });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>(['subscription.approved', 'subscription.rejected']);
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useFieldErrors(createWebhookSchema);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (input: { url: string; events: NotificationEvent[] }) => createWebhook(teamId, input),
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
    },
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => setWebhookActive(teamId, id, active),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => deleteWebhook(teamId, id), onSettled: refresh });
  const ping = useMutation({
    mutationFn: (id: string) => pingWebhook(teamId, id),
    onSuccess: (_d, id) => {
      setOpen(id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams.deliveries(teamId, id) });
    },
  });
  const failure = toggle.error ?? remove.error ?? ping.error;

  return (
    <Card className="p-6" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" className="text-lg font-semibold">
        Webhooks
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Lanyard POSTs the team’s events as JSON, signed in the <code className="font-mono text-xs">Lanyard-Signature</code> header
        (HMAC-SHA256 of <code className="font-mono text-xs">timestamp.body</code>). A receiver that does not answer 2xx gets the delivery
        again later, eight times at most.
      </p>
      {hooks.isPending ? (
        <Loading />
      ) : hooks.isError ? (
        <ErrorState message={hooks.error.message} onRetry={() => void hooks.refetch()} />
      ) : hooks.data.webhooks.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No webhooks yet.</p>
      ) : (
        <ul className="mt-4 space-y-3" aria-label="Webhooks">
          {hooks.data.webhooks.map((h) => (
            <li key={h.id} className="rounded-lg border border-slate-200 p-4" data-testid="webhook">
              <div className="flex flex-wrap items-center gap-2">
                <code className="min-w-0 flex-1 truncate font-mono text-sm">{h.url}</code>
                <Badge tone={h.active ? 'green' : 'neutral'}>{h.active ? 'active' : 'paused'}</Badge>
                {h.last && (
                  <Badge tone={h.last.status === 'delivered' ? 'green' : h.last.status === 'failed' ? 'red' : 'amber'}>
                    last: {h.last.status}
                  </Badge>
                )}
              </div>
              <div className="mt-2 flex flex-wrap gap-1">
                {h.events.map((e) => (
                  <Badge key={e}>{e}</Badge>
                ))}
              </div>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={() => setOpen(open === h.id ? null : h.id)} aria-expanded={open === h.id}>
                  {open === h.id ? 'Hide deliveries' : 'Deliveries'}
                </Button>
                {owner && (
                  <>
                    <Button size="sm" variant="secondary" disabled={ping.isPending || !h.active} onClick={() => ping.mutate(h.id)}>
                      Send a test event
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ id: h.id, active: !h.active })}
                    >
                      {h.active ? 'Pause' : 'Resume'}
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(h.id)}
                      aria-label={`Delete webhook ${h.url}`}
                    >
                      Delete
                    </Button>
                  </>
                )}
              </div>
              {open === h.id && (
                <div className="mt-3">
                  <WebhookDeliveries teamId={teamId} webhookId={h.id} owner={owner} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <div className="mt-3">
          <Notice tone="error">{failure.message}</Notice>
        </div>
      )}
      {owner && (
        <form
          className="mt-5 space-y-3 border-t border-slate-100 pt-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = form.check({ url, events });
            if (parsed) add.mutate(parsed);
          }}
        >
          <Field
            id="webhook-url"
            label="Add a webhook"
            hint="https, or http to localhost while you develop."
            error={form.error('url', add.error)}
          >
            <Input
              id="webhook-url"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://ci.example.com/lanyard"
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            <div className="mt-2 grid gap-1.5 sm:grid-cols-2">
              {TEAM_EVENTS.map((e) => (
                <label key={e} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-brand-600"
                    checked={events.includes(e)}
                    onChange={(x) => setEvents((list) => (x.target.checked ? [...list, e] : list.filter((y) => y !== e)))}
                  />
                  <code className="font-mono text-xs">{e}</code>
                  <span className="text-slate-500">{EVENTS[e].label}</span>
                </label>
              ))}
            </div>
            {form.error('events', add.error) && <p className="mt-1 text-sm text-red-700">{form.error('events', add.error)}</p>}
          </fieldset>
          {add.isError && !form.error('url', add.error) && <Notice tone="error">{add.error.message}</Notice>}
          <Button type="submit" disabled={add.isPending}>
            Add webhook
          </Button>
        </form>
      )}
      <Dialog open={!!secret} onClose={() => setSecret(null)} title="Your webhook’s signing secret" dismissable={false}>
        <div className="space-y-4">
          <Notice tone="warning">
            Copy the signing secret now. <strong>It will not be shown again</strong>; to get a new one, delete the webhook and add it again.
          </Notice>
          <div className="flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-sm" data-testid="webhook-secret">
              {secret}
            </code>
            <CopyButton value={secret ?? ''} label="Copy secret" />
          </div>
          <p className="text-sm text-slate-600">
            To verify a delivery, compute HMAC-SHA256 with this secret over{' '}
            <code className="font-mono text-xs">t + &quot;.&quot; + body</code> (t from the header), compare it with{' '}
            <code className="font-mono text-xs">v1</code> in constant time, and refuse a t older than five minutes.{' '}
            <code className="font-mono text-xs">Lanyard-Delivery</code> is the same on every retry of one delivery.
          </p>
          <div className="flex justify-end">
            <Button onClick={() => setSecret(null)}>I’ve saved the secret</Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}
