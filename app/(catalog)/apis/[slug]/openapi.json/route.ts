import { db } from '@/lib/db';
import { toErrorResponse } from '@/lib/http/api-error';
import { documentResponse } from '@/lib/products/document-download';

// The product's OpenAPI document as JSON: public like the product page, with an ETag (lib/products/document-download.ts).
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    return await documentResponse(db(), (await ctx.params).slug, 'json', req);
  } catch (err) {
    return toErrorResponse(err);
  }
}
