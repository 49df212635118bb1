'use client';

import dynamic from 'next/dynamic';
import 'swagger-ui-react/swagger-ui.css';

// Swagger UI (SmartBear's maintained renderer) touches `window` at import, so
// it loads in the browser only.
const SwaggerUI = dynamic(() => import('swagger-ui-react'), {
  ssr: false,
  loading: () => <p className="p-6 text-sm text-slate-500">Loading the API reference…</p>,
});

export function OpenApiViewer({ spec }: { spec: Record<string, unknown> }) {
  return (
    <div className="lanyard-swagger" data-testid="openapi-viewer">
      <SwaggerUI spec={spec} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} />
    </div>
  );
}
