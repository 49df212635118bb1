'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { getUnread } from '@/lib/client/notifications';
import { queryKeys } from '@/lib/client/query-keys';

/** The header's bell: the unread count, polled every 30 seconds (one indexed count on the server). */
export function NotificationBell() {
  const unread = useQuery({ queryKey: queryKeys.notifications.unread(), queryFn: getUnread, refetchInterval: 30_000 });
  const count = unread.data?.unread ?? 0;
  return (
    <Link
      href="/notifications"
      className="relative rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
        <path strokeLinecap="round" strokeLinejoin="round" d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0" />
      </svg>
      {count > 0 && (
        <span
          className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white"
          data-testid="unread-count"
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
