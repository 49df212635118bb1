'use client';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/states';

/** The only place a client secret is ever shown. Closing it forgets the secret. */
export function SecretOnceDialog({
  title,
  clientId,
  secret,
  onDone,
}: {
  title: string;
  clientId: string;
  secret: string | null;
  onDone: () => void;
}) {
  return (
    <Dialog open={!!secret} onClose={onDone} title={title} dismissable={false}>
      <div className="space-y-4">
        <Notice tone="warning">
          Copy the client secret now and keep it somewhere safe. <strong>It will not be shown again</strong>: Lanyard keeps only its last
          four characters.
        </Notice>
        <div className="space-y-1">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Client ID</div>
          <div className="flex items-center gap-2">
            <code className="flex-1 truncate rounded bg-slate-100 px-2 py-1.5 font-mono text-sm" data-testid="new-client-id">
              {clientId}
            </code>
            <CopyButton value={clientId} label="Copy client ID" />
          </div>
        </div>
        <div className="space-y-1">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Client secret</div>
          <div className="flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-sm" data-testid="new-client-secret">
              {secret}
            </code>
            <CopyButton value={secret ?? ''} label="Copy secret" />
          </div>
        </div>
        <div className="flex justify-end">
          <Button onClick={onDone}>I’ve saved the secret</Button>
        </div>
      </div>
    </Dialog>
  );
}
