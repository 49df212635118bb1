'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import type { CreatedApplication } from '@/lib/apps/create-app';
import { createAppSchema } from '@/lib/apps/schemas';
import { ApiClientError } from '@/lib/client/api';
import { createApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import type { TeamSummary } from '@/lib/teams/manage-teams';

export function CreateAppDialog({
  open,
  onClose,
  teams,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  teams: TeamSummary[];
  onCreated: (app: CreatedApplication) => void;
}) {
  const queryClient = useQueryClient();
  const form = useFieldErrors(createAppSchema);
  const create = useMutation({
    mutationFn: createApp,
    onSuccess: (app) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all });
      onCreated(app);
    },
  });
  const error = (f: string) => form.error(f, create.error);

  return (
    <Dialog open={open} onClose={onClose} title="New application">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const parsed = form.check({
            name: data.get('name'),
            description: data.get('description'),
            ownerTeamId: String(data.get('owner') ?? '') || null,
          });
          if (parsed) create.mutate(parsed);
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
