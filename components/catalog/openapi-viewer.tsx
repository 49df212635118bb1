'use client';

import dynamic from 'next/dynamic';
import 'swagger-ui-react/swagger-ui.css';

// Swagger UI (SmartBear's maintained renderer) touches `window` at import, so
// it loads in the browser only, in its own chunk, after the page is up. It
// fetches the document from `url` (GET /apis/<slug>/openapi.json, cached by
// ETag) instead of taking it as a prop: a prop would put the whole document
// into the page's RSC payload (docs/adr/0010-product-pages-and-big-documents.md).
const SwaggerUI = dynamic(() => import('swagger-ui-react'), {
  ssr: false,
  loading: () => <p className="p-6 text-sm text-slate-500">Loading the API reference…</p>,
});

export function OpenApiViewer({ url }: { url: string }) {
  return (
    <div className="lanyard-swagger" data-testid="openapi-viewer">
      <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} />
    </div>
  );
}
