'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { createAppSchema } from '@/lib/apps/schemas';
import { api, ApiClientError, fieldError } from '@/lib/client/api';
import { fieldErrors } from '@/lib/field-errors';
import type { TeamOption } from './types';

export interface CreatedApp {
  id: string;
  clientId: string;
  clientSecret: string;
}

export function CreateAppDialog({
  open,
  onClose,
  teams,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  teams: TeamOption[];
  onCreated: (app: CreatedApp) => void;
}) {
  const queryClient = useQueryClient();
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (input: { name: string; description: string; ownerTeamId: string | null }) =>
      api<CreatedApp>('/api/apps', { method: 'POST', body: input }),
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
          const input = {
            name: form.get('name'),
            description: form.get('description'),
            ownerTeamId: String(form.get('owner') ?? '') || null,
          };
          // The same schema the API enforces, so the messages match.
          const parsed = createAppSchema.safeParse(input);
          setLocal(parsed.success ? {} : fieldErrors(parsed.error));
          if (!parsed.success) return;
          create.mutate({ ...parsed.data, ownerTeamId: parsed.data.ownerTeamId ?? null });
        }}
      >
        <Field id="app-name" label="Name" error={error('name')}>
          <Input
            id="app-name"
            name="name"
            autoFocus
            aria-invalid={!!error('name')}
            aria-describedby="app-name-error"
            placeholder="Route planner"
          />
        </Field>
        <Field
          id="app-description"
          label="Description"
          error={error('description')}
          hint="What the app does, for your team and the API owners."
        >
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
        {create.error && !(create.error instanceof ApiClientError && Object.keys(create.error.fields).length) && (
          <Notice tone="error">{create.error.message}</Notice>
        )}
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
