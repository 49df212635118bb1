// The IdP Connect SPI over HTTP (Gloo Platform Portal IdP Connect compatible).
// See handler.ts for the contract and openapi.ts for its OpenAPI 3.1 document.

export { createSpiHandler, type SpiChangeEvent, type SpiHandler, type SpiHandlerOptions } from './handler';
export { nodeSpiRoute, toFetchRequest, writeFetchResponse, type SpiGuard } from './node';
export { spiRateLimits } from './rate-limits';
export { spiOpenApiDocument, type SpiOpenApiDocument } from './openapi';
export { MIN_BEARER_TOKEN_LENGTH } from './auth';
export { DEFAULT_BASE_PATH } from './limits';
