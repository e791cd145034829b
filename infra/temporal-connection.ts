import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
// The proto package is CommonJS: its namespaces come through the default export under ESM.
import proto from '@temporalio/proto';
import { projectSearchAttributes } from '../workflows/search-attributes.js';
import type { Config } from './config.js';
import { payloadDataConverter } from './payload-codec.js';
import { applySchedules } from './schedules.js';

const IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;

const indexedTypes: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers the project's search attributes on a namespace, adding only the missing ones. The dev server gets
 * them at launch; an external cluster (the compose deployment) gets them here, when the worker starts.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  let known: Set<string>;
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set([...Object.keys(existing.customAttributes), ...Object.keys(existing.systemAttributes)]);
  } catch (err) {
    // The time-skipping test server cannot list search attributes (gRPC UNIMPLEMENTED) but can add them.
    if ((err as { code?: number }).code !== 12) throw err;
    known = new Set();
  }
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of projectSearchAttributes) {
    if (!known.has(key.name))
      missing[key.name] = indexedTypes[key.type] ?? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  }
  if (Object.keys(missing).length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  }
}

/**
 * Connection options for a client that serves people (the API): a Temporal server that is down must give an answer
 * (503) within a few seconds, not after the SDK's default ten retries over ~20 s. Four attempts, at most a second
 * apart, ride over a server's brief hiccup; anything longer is an outage the officer is told about.
 */
export function interactiveConnectionOptions(
  address: string,
  /** Longest a single call may take, retries included, unless the caller sets its own deadline. */
  callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS,
): ConnectionOptions {
  // A call without a deadline of its own (an update waiting for a worker that is down) would otherwise wait forever.
  const deadline: Interceptor = (options, nextCall) =>
    new InterceptingCall(nextCall({ ...options, deadline: options.deadline ?? Date.now() + callTimeoutMs }));
  return {
    address,
    connectTimeout: '3 seconds',
    // gRPC's own reconnect backoff grows to two minutes while a server is away, and calls fail at once meanwhile: the
    // API would go on answering 503 long after Temporal is back. A server on the same network is worth retrying often.
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 1_000 },
    interceptors: [
      deadline,
      makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4, maxIntervalMs: () => 1_000 })),
    ],
  };
}

/** An officer's action is answered within this, or told that the workflow engine did not answer (503). */
export const DEFAULT_CALL_TIMEOUT_MS = 4_500;

/**
 * A client for the API. The connection is made lazily, on first use, so that the API starts and answers (503 for what
 * needs Temporal, everything else as usual) while Temporal is down, and reconnects by itself when it is back.
 */
export function connectClient(
  address: string,
  namespace: string,
  /** `payloadDataConverter(config)`: payloads go through the project's codec. */
  dataConverter: DataConverter,
  callTimeoutMs?: number,
): Client {
  const connection = Connection.lazy(interactiveConnectionOptions(address, callTimeoutMs));
  return new Client({ connection, namespace, dataConverter });
}

/**
 * What a namespace needs before workers poll it: the project's search attributes and the reporting calendar's
 * schedules. Both are idempotent; `npm start` and the standalone worker run this on every start.
 */
export async function prepareNamespace(connection: Connection, config: Config): Promise<void> {
  await ensureSearchAttributes(connection, config.temporalNamespace);
  // The schedules' workflow arguments are payloads too: encoded like everything else the project sends.
  await applySchedules(
    new Client({
      connection,
      namespace: config.temporalNamespace,
      dataConverter: payloadDataConverter(config),
    }),
    config,
  );
}
