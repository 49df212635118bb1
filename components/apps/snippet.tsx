import { CopyButton } from '@/components/ui/copy-button';

/** A command or URL to copy, shown as code. */
export function Snippet({ title, code, testId }: { title: string; code: string; testId?: string }) {
  return (
    <div>
      <h3 className="mt-6 text-sm font-semibold text-slate-900">{title}</h3>
      <div className="relative mt-2">
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 pr-20 text-xs leading-5 text-slate-100" data-testid={testId}>
          {code}
        </pre>
        <div className="absolute right-2 top-2">
          <CopyButton value={code} label={`Copy ${title.toLowerCase()}`} />
        </div>
      </div>
    </div>
  );
}
