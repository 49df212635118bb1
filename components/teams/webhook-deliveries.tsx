'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import { listDeliveries, redeliver } from '@/lib/client/notifications';
import { queryKeys } from '@/lib/client/query-keys';
import type { DeliveryView } from '@/lib/notifications/webhooks';

const tone = { delivered: 'green', failed: 'red', retrying: 'amber', pending: 'neutral' } as const;
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

function outcome(d: DeliveryView): string {
  if (d.status === 'delivered') return `answered ${d.responseStatus}`;
  const tried = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  const why = d.error ? `: ${d.error}` : '';
  if (d.status === 'failed') return `gave up after ${tried}${why}`;
  if (d.status === 'retrying') return `${tried}${why}; next at ${when(d.nextAttemptAt!)}`;
  return 'waiting to be sent';
}

/** A webhook's last deliveries, refreshed while open; owners send one again. */
export function WebhookDeliveries({ teamId, webhookId, owner }: { teamId: string; webhookId: string; owner: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.teams.deliveries(teamId, webhookId);
  const log = useQuery({ queryKey: key, queryFn: () => listDeliveries(teamId, webhookId), refetchInterval: 5_000 });
  const again = useMutation({
    mutationFn: (deliveryId: string) => redeliver(teamId, webhookId, deliveryId),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.teams.webhooks(teamId) }),
  });

  if (log.isPending) return <Loading label="Loading deliveries…" />;
  if (log.isError) return <ErrorState message={log.error.message} onRetry={() => void log.refetch()} />;
  const { deliveries } = log.data;
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No deliveries yet. Send a test event to try the receiver.</p>;
  return (
    <div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="delivery">
            <code className="font-mono text-xs text-slate-700">{d.event}</code>
            <Badge tone={tone[d.status]}>{d.status}</Badge>
            <span className="min-w-0 flex-1 truncate text-slate-600" title={outcome(d)}>
              {outcome(d)}
            </span>
            <time className="text-xs text-slate-500" dateTime={d.createdAt}>
              {when(d.createdAt)}
            </time>
            {owner && d.status !== 'pending' && (
              <Button size="sm" variant="secondary" disabled={again.isPending} onClick={() => again.mutate(d.id)}>
                Redeliver
              </Button>
            )}
          </li>
        ))}
      </ul>
      {again.isError && (
        <div className="mt-2">
          <Notice tone="error">{again.error.message}</Notice>
        </div>
      )}
    </div>
  );
}
