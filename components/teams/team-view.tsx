'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import { ApiClientError } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/query-keys';
import { addMember, cancelInvite, deleteTeam, getTeam, removeMember } from '@/lib/client/teams';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import type { TeamDetail } from '@/lib/teams/manage-teams';
import { addMemberSchema } from '@/lib/teams/schemas';
import { WebhooksCard } from './webhooks-card';

export function TeamView({ id, viewerId }: { id: string; viewerId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = queryKeys.teams.detail(id);
  const team = useQuery({ queryKey: key, queryFn: () => getTeam(id), retry: false });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.teams.all });
  };
  const memberForm = useFieldErrors(addMemberSchema);
  const add = useMutation({
    mutationFn: (input: { email: string; role: 'member' | 'owner' }) => addMember(id, input),
    onSuccess: () => setEmail(''),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => removeMember(id, userId),
    onMutate: async (userId) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TeamDetail>(key);
      queryClient.setQueryData<TeamDetail>(key, (old) => (old ? { ...old, members: old.members.filter((m) => m.userId !== userId) } : old));
      return { previous };
    },
    onError: (_e, _u, ctx) => queryClient.setQueryData(key, ctx?.previous),
    onSuccess: (_r, userId) => userId === viewerId && router.push('/teams'),
    onSettled: refresh,
  });
  const cancel = useMutation({ mutationFn: (email: string) => cancelInvite(id, email), onSettled: refresh });
  const destroy = useMutation({
    mutationFn: () => deleteTeam(id),
    onSuccess: () => {
      refresh();
      router.push('/teams');
    },
  });

  if (team.isPending) return <Loading />;
  if (team.isError) {
    return team.error instanceof ApiClientError && team.error.status === 404 ? (
      <EmptyState title="Team not found">It does not exist, or you are not in it.</EmptyState>
    ) : (
      <ErrorState message={team.error.message} onRetry={() => void team.refetch()} />
    );
  }
  const t = team.data;
  const owner = t.role === 'owner';
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/teams', label: 'Teams' }]} current={t.name} />
      <div className="flex items-start justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t.name}</h1>
        {owner && (
          <Button variant="danger" onClick={() => destroy.mutate()} disabled={destroy.isPending}>
            Delete team
          </Button>
        )}
      </div>
      {destroy.isError && <Notice tone="error">{destroy.error.message}</Notice>}
      <Card className="p-6">
        <h2 className="text-lg font-semibold">Members</h2>
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Members">
          {t.members.map((m) => (
            <li key={m.userId} className="flex items-center gap-3 px-4 py-3 text-sm">
              <span className="font-medium">{m.name ?? m.email}</span>
              <span className="text-slate-500">{m.email}</span>
              <Badge tone={m.role === 'owner' ? 'brand' : 'neutral'}>{m.role}</Badge>
              {(owner || m.userId === viewerId) && (
                <Button className="ml-auto" size="sm" variant="secondary" onClick={() => remove.mutate(m.userId)}>
                  {m.userId === viewerId ? 'Leave' : 'Remove'}
                </Button>
              )}
            </li>
          ))}
          {t.invited.map((i) => (
            <li key={i.email} className="flex items-center gap-3 px-4 py-3 text-sm" data-testid="team-invite">
              <span className="font-medium">{i.email}</span>
              <Badge tone="amber">invited</Badge>
              <span className="text-slate-500">joins as {i.role} at their first sign-in</span>
              {owner && (
                <Button className="ml-auto" size="sm" variant="secondary" onClick={() => cancel.mutate(i.email)}>
                  Cancel invitation
                </Button>
              )}
            </li>
          ))}
        </ul>
        {(remove.isError || cancel.isError) && (
          <div className="mt-3">
            <Notice tone="error">{(remove.error ?? cancel.error)?.message}</Notice>
          </div>
        )}
        {owner && (
          <form
            className="mt-4 grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const parsed = memberForm.check({ email, role });
              if (parsed) add.mutate(parsed);
            }}
          >
            <Field
              id="member-email"
              label="Add a member by email"
              hint="Someone who has not signed in yet is invited, and joins at their first sign-in."
              error={memberForm.error('email', add.error) ?? (add.isError ? add.error.message : undefined)}
            >
              <Input
                id="member-email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="colleague@example.com"
              />
            </Field>
            <Field id="member-role" label="Role">
              <select id="member-role" className={selectClass} value={role} onChange={(e) => setRole(e.target.value as 'member' | 'owner')}>
                <option value="member">Member</option>
                <option value="owner">Owner</option>
              </select>
            </Field>
            <Button type="submit" disabled={add.isPending}>
              Add
            </Button>
          </form>
        )}
      </Card>
      <Card className="p-6">
        <h2 className="text-lg font-semibold">Applications</h2>
        {t.apps.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No team applications yet. Create one from My apps and choose this team as owner.</p>
        ) : (
          <ul className="mt-3 space-y-1 text-sm">
            {t.apps.map((a) => (
              <li key={a.id}>
                <Link className="text-brand-700 hover:underline" href={`/apps/${a.id}`}>
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <WebhooksCard teamId={t.id} owner={owner} />
    </div>
  );
}
