'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import { getPreferences, savePreferences } from '@/lib/client/notifications';
import { queryKeys } from '@/lib/client/query-keys';
import type { PreferenceView } from '@/lib/notifications/inbox';

/** Which events a person hears about, in the portal and by email; each change is saved at once. */
export function NotificationPreferences({ mailConfigured }: { mailConfigured: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.notifications.preferences();
  const prefs = useQuery({ queryKey: key, queryFn: getPreferences });
  // The box changes the moment it is clicked (set before the request goes
  // out); a failed save puts the list back as it was and says so.
  const save = useMutation({
    mutationFn: (change: { next: PreferenceView; before?: { preferences: PreferenceView[] } }) =>
      savePreferences([{ event: change.next.event, inApp: change.next.inApp, email: change.next.email }]),
    onError: (_err, change) => {
      if (change.before) queryClient.setQueryData(key, change.before);
    },
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const change = (next: PreferenceView) => {
    const before = queryClient.getQueryData<{ preferences: PreferenceView[] }>(key);
    if (before) queryClient.setQueryData(key, { preferences: before.preferences.map((x) => (x.event === next.event ? next : x)) });
    save.mutate({ next, before });
  };

  return (
    <Card className="p-6" id="notifications" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title" className="text-lg font-semibold">
        Notifications
      </h2>
      <p className="mt-1 text-sm text-slate-600">What you hear about, and how. Admin-only events reach admins only.</p>
      {!mailConfigured && (
        <div className="mt-3">
          <Notice tone="info">This portal sends no mail yet (its operator has not set up SMTP): notifications stay in the portal.</Notice>
        </div>
      )}
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <ErrorState message={prefs.error.message} onRetry={() => void prefs.refetch()} />
      ) : (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2 font-medium">Event</th>
              <th className="w-24 py-2 text-center font-medium">Portal</th>
              <th className="w-24 py-2 text-center font-medium">Email</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {prefs.data.preferences.map((p) => (
              <tr key={p.event}>
                <td className="py-2.5 text-slate-800">{p.label}</td>
                {(['inApp', 'email'] as const).map((channel) => (
                  <td key={channel} className="py-2.5 text-center">
                    <input
                      type="checkbox"
                      className="h-4 w-4 accent-brand-600"
                      checked={p[channel]}
                      disabled={save.isPending || (channel === 'email' && !mailConfigured)}
                      aria-label={`${p.label}: ${channel === 'inApp' ? 'in the portal' : 'by email'}`}
                      onChange={(e) => change({ ...p, [channel]: e.target.checked })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {save.isError && (
        <div className="mt-3">
          <Notice tone="error">{save.error.message} Nothing was changed.</Notice>
        </div>
      )}
    </Card>
  );
}
