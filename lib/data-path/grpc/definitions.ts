import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type GrpcObject, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

// Envoy's ext_authz v3 messages (proto/README.md), loaded once. Field names
// stay as in the .proto files (snake_case); enums travel as their names.

export const PROTO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'proto');
export const CHECK_METHOD = '/envoy.service.auth.v3.Authorization/Check';

export const LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true } as const;

let loaded: GrpcObject | undefined;

export function authorizationPackage(): GrpcObject {
  loaded ??= loadPackageDefinition(loadSync('envoy/service/auth/v3/external_auth.proto', { ...LOADER_OPTIONS, includeDirs: [PROTO_DIR] }));
  return loaded;
}

let root: protobuf.Root | undefined;

/** The same files through protobufjs, for the server's own (de)serialisers. */
function messages(): { request: protobuf.Type; response: protobuf.Type } {
  if (!root) {
    root = new protobuf.Root();
    // Well-known types resolve from protobufjs' built-in copies, the rest from PROTO_DIR.
    root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(PROTO_DIR, target));
    root.loadSync('envoy/service/auth/v3/external_auth.proto', { keepCase: true });
  }
  return {
    request: root.lookupType('envoy.service.auth.v3.CheckRequest'),
    response: root.lookupType('envoy.service.auth.v3.CheckResponse'),
  };
}

/** Encodes a CheckResponse (the server keeps the bytes of answers it gives again and again). */
export function encodeCheckResponse(response: CheckResponse): Buffer {
  const type = messages().response;
  return Buffer.from(type.encode(type.fromObject(response as unknown as Record<string, unknown>)).finish());
}

/**
 * The Authorization service for the server: requests decoded by protobufjs
 * without the conversion to plain objects (the server reads three fields),
 * responses given as bytes (encodeCheckResponse) or as objects.
 */
export function authorizationServerDefinition(): ServiceDefinition {
  const { request } = messages();
  const generated = authorizationService().service.Check!;
  return {
    Check: {
      ...generated,
      requestDeserialize: (bytes: Buffer) => request.decode(bytes) as unknown as CheckRequest,
      responseSerialize: (value: Buffer | CheckResponse) => (Buffer.isBuffer(value) ? value : encodeCheckResponse(value)),
    },
  };
}

/** The generated client/service constructor of envoy.service.auth.v3.Authorization. */
export function authorizationService(): ServiceClientConstructor {
  const envoy = authorizationPackage().envoy as GrpcObject;
  const service = ((envoy.service as GrpcObject).auth as GrpcObject).v3 as GrpcObject;
  return service.Authorization as ServiceClientConstructor;
}

// The message shapes the server reads and writes (what proto-loader produces and accepts).

export interface CheckRequest {
  attributes?: {
    request?: { http?: { method?: string; path?: string; headers?: Record<string, string> } };
    context_extensions?: Record<string, string>;
  };
}

export interface HeaderValueOption {
  header: { key: string; value: string };
  append_action?: 'APPEND_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS_OR_ADD' | 'OVERWRITE_IF_EXISTS';
}

export interface CheckResponse {
  status: { code: number; message?: string };
  denied_response?: { status: { code: number }; headers: HeaderValueOption[]; body: string };
  ok_response?: { headers: HeaderValueOption[]; response_headers_to_add?: HeaderValueOption[]; headers_to_remove?: string[] };
  dynamic_metadata?: { fields: Record<string, { stringValue: string }> };
}

/** google.rpc.Code values the service answers with. */
export const RPC = { OK: 0, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;
