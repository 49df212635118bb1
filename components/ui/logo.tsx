export function Logo({ label = 'Lanyard' }: { label?: string }) {
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-brand-600" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M7 3v6a5 5 0 0 0 10 0V3" strokeLinecap="round" />
        <rect x="8" y="13" width="8" height="8" rx="2" fill="currentColor" stroke="none" />
      </svg>
      {label}
    </span>
  );
}
