'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { api, ApiClientError, fieldError } from '@/lib/client/api';
import type { TeamOption } from './types';

export interface CreatedApp {
  id: string;
  clientId: string;
  clientSecret: string;
}

export function CreateAppDialog({ open, onClose, teams, onCreated }: { open: boolean; onClose: () => void; teams: TeamOption[]; onCreated: (app: CreatedApp) => void }) {
  const queryClient = useQueryClient();
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (input: { name: string; description: string; ownerTeamId: string | null }) => api<CreatedApp>('/api/apps', { method: 'POST', body: input }),
    onSuccess: (app) => {
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      onCreated(app);
    },
  });
  const error = (f: string) => local[f] ?? fieldError(create.error, f);

  return (
    <Dialog open={open} onClose={onClose} title="New application">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const name = String(form.get('name') ?? '').trim();
          const description = String(form.get('description') ?? '').trim();
          const owner = String(form.get('owner') ?? '');
          const problems: Record<string, string> = {};
          if (!name) problems.name = 'Give the application a name';
          else if (name.length > 80) problems.name = 'Keep the name under 80 characters';
          if (description.length > 500) problems.description = 'Keep the description under 500 characters';
          setLocal(problems);
          if (Object.keys(problems).length) return;
          create.mutate({ name, description, ownerTeamId: owner || null });
        }}
      >
        <Field id="app-name" label="Name" error={error('name')}>
          <Input id="app-name" name="name" autoFocus aria-invalid={!!error('name')} aria-describedby="app-name-error" placeholder="Route planner" />
        </Field>
        <Field id="app-description" label="Description" error={error('description')} hint="What the app does, for your team and the API owners.">
          <textarea id="app-description" name="description" rows={3} className={textareaClass} aria-invalid={!!error('description')} />
        </Field>
        <Field id="app-owner" label="Owner" error={error('ownerTeamId')}>
          <select id="app-owner" name="owner" className={selectClass} defaultValue="">
            <option value="">Me</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                Team: {t.name}
              </option>
            ))}
          </select>
        </Field>
        {create.error && !(create.error instanceof ApiClientError && Object.keys(create.error.fields).length) && <Notice tone="error">{create.error.message}</Notice>}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create application'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
