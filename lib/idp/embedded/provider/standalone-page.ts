// The few pages oidc-provider renders itself (errors, sign-out) are plain HTML
// strings, not Next pages; they borrow the portal's palette so a user does not
// feel handed to another product. Every interpolated value is escaped.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** A whole page. `nonce` is the response's CSP nonce (lib/http/security-headers.ts), put on its style and every script in `body`. */
export function standalonePage(title: string, body: string, nonce?: string): string {
  const n = nonce ? ` nonce="${escapeHtml(nonce)}"` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Lanyard ID</title>
<style${n}>
body{margin:0;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px;max-width:420px;width:calc(100% - 48px);box-shadow:0 1px 2px rgb(0 0 0 / .05)}
.brand{display:flex;gap:8px;align-items:center;font-weight:600;color:#4f46e5;margin-bottom:16px}
h1{font-size:20px;margin:0 0 8px}p{color:#475569;line-height:1.5}code{font-size:13px;background:#f1f5f9;padding:2px 4px;border-radius:4px}
button,a.button{display:inline-block;background:#4f46e5;color:#fff;border:0;border-radius:8px;padding:10px 16px;font-size:14px;font-weight:500;cursor:pointer;text-decoration:none}
</style></head>
<body><main><div class="brand">◆ Lanyard ID</div>${body.replaceAll('<script>', `<script${n}>`)}</main></body></html>`;
}
