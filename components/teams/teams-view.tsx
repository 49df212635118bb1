'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { queryKeys } from '@/lib/client/query-keys';
import { createTeam, listTeams } from '@/lib/client/teams';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import type { TeamSummary } from '@/lib/teams/manage-teams';
import { createTeamSchema } from '@/lib/teams/schemas';

export function TeamsView() {
  const queryClient = useQueryClient();
  const listKey = queryKeys.teams.list();
  const teams = useQuery({ queryKey: listKey, queryFn: listTeams });
  const [name, setName] = useState('');
  const form = useFieldErrors(createTeamSchema);
  const create = useMutation({
    mutationFn: createTeam,
    onMutate: async (n) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const previous = queryClient.getQueryData<TeamSummary[]>(listKey);
      queryClient.setQueryData<TeamSummary[]>(listKey, (old = []) => [
        ...old,
        { id: `new-${n}`, name: n, role: 'owner', members: 1, apps: 0 },
      ]);
      setName('');
      return { previous };
    },
    onError: (_e, n, ctx) => {
      queryClient.setQueryData(listKey, ctx?.previous);
      setName(n);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.teams.all }),
  });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
        <p className="mt-1 text-sm text-slate-600">
          Teams own applications together. Members see and use the team’s apps; owners also manage members and delete apps.
        </p>
      </div>
      <Card className="p-6">
        <form
          noValidate
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = form.check({ name });
            if (parsed) create.mutate(parsed.name);
          }}
        >
          <div className="min-w-64 flex-1">
            <Field
              id="team-name"
              label="New team"
              error={form.error('name', create.error) ?? (create.isError ? create.error.message : undefined)}
            >
              <Input
                id="team-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="Payments squad"
                aria-invalid={!!form.error('name', create.error)}
              />
            </Field>
          </div>
          <Button type="submit" disabled={create.isPending}>
            Create team
          </Button>
        </form>
      </Card>
      {teams.isPending ? (
        <Loading label="Loading your teams…" />
      ) : teams.isError ? (
        <ErrorState message={teams.error.message} onRetry={() => void teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <EmptyState title="You are not in a team yet">Create one above, then add colleagues by email.</EmptyState>
      ) : (
        <Card className="divide-y divide-slate-100">
          {teams.data.map((t) => (
            <Link
              key={t.id}
              href={t.id.startsWith('new-') ? '#' : `/teams/${t.id}`}
              className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50"
            >
              <span className="flex-1 font-medium text-slate-900">{t.name}</span>
              <span className="text-sm text-slate-500">
                {t.members} member{t.members === 1 ? '' : 's'} · {t.apps} app{t.apps === 1 ? '' : 's'}
              </span>
              <Badge tone={t.role === 'owner' ? 'brand' : 'neutral'}>{t.role}</Badge>
            </Link>
          ))}
        </Card>
      )}
    </div>
  );
}
