// Input limits shared by the request validation (schemas.ts) and the OpenAPI
// document (openapi.ts), so that what the document promises is what the
// handler enforces.

/**
 * Application ids become the client name `lanyard-<id>` (types.ts). Cognito
 * caps a client name at 128 characters of `[\w\s+=,.@-]`; Okta app labels and
 * the embedded IdP accept more. Ids are also a URL path segment here, so they
 * are kept to unreserved characters. Gloo's own ids (hex, UUIDs) fit.
 */
export const APP_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
export const APP_ID_MAX = 120;

/** apiProductIdSchema (lib/idp/api-product-id.ts) allows at most 200 characters. */
export const PRODUCT_NAME_MAX = 200;
export const PRODUCT_DESCRIPTION_MAX = 1000;
export const MAX_API_PRODUCTS_PER_APP = 200;

/** Request bodies larger than this get 413 without being parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export const DEFAULT_BASE_PATH = '/api/spi/v1';

/** Seconds a caller is told to wait when the IdP is unavailable and did not say. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;
