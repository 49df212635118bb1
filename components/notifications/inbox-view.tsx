'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { getInbox, markRead } from '@/lib/client/notifications';
import { queryKeys } from '@/lib/client/query-keys';
import { cn } from '@/lib/cn';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function InboxView() {
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: queryKeys.notifications.inbox(), queryFn: getInbox });
  const read = useMutation({
    mutationFn: markRead,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });

  if (inbox.isPending) return <Loading />;
  if (inbox.isError) return <ErrorState message={inbox.error.message} onRetry={() => void inbox.refetch()} />;
  const { items, unread } = inbox.data;
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="mt-1 text-sm text-slate-600">
            {unread ? `${unread} unread. ` : ''}Choose which events you hear about, and how, on{' '}
            <Link href="/account#notifications" className="text-brand-700 hover:underline">
              your account
            </Link>
            .
          </p>
        </div>
        {unread > 0 && (
          <Button variant="secondary" disabled={read.isPending} onClick={() => read.mutate({ all: true })}>
            Mark all as read
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <EmptyState title="Nothing yet">Approvals, rotated secrets, API changes and drift show up here.</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={cn('flex gap-4 px-5 py-4', !n.read && 'bg-brand-50/40')} data-testid="notification">
                <span
                  aria-hidden="true"
                  className={cn('mt-1.5 h-2 w-2 shrink-0 rounded-full', n.read ? 'bg-transparent' : 'bg-brand-600')}
                />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    {n.link ? (
                      <Link
                        href={n.link}
                        className="font-medium text-slate-900 hover:underline"
                        onClick={() => !n.read && read.mutate({ ids: [n.id] })}
                      >
                        {n.title}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900">{n.title}</span>
                    )}
                    <time className="text-xs text-slate-500" dateTime={n.createdAt}>
                      {when(n.createdAt)}
                    </time>
                  </div>
                  {n.body && <p className="mt-1 text-sm text-slate-600">{n.body}</p>}
                </div>
                {!n.read && (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => read.mutate({ ids: [n.id] })}
                    aria-label={`Mark “${n.title}” as read`}
                  >
                    Read
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
