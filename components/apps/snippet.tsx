import { CopyButton } from '@/components/ui/copy-button';

/** A command or URL to copy, shown as code. */
export function Snippet({ title, code, testId }: { title: string; code: string; testId?: string }) {
  return (
    <div className="mt-6">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <CopyButton value={code} label={`Copy ${title.toLowerCase()}`} />
      </div>
      <pre
        className="mt-2 overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-4 text-xs leading-5 text-slate-100"
        data-testid={testId}
      >
        {code}
      </pre>
    </div>
  );
}
