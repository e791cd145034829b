import { Client, Connection } from '@temporalio/client';
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

/** A client whose payloads go through the project's codec: `dataConverter` is `payloadDataConverter(config)`. */
export async function connectClient(
  address: string,
  namespace: string,
  dataConverter: DataConverter,
): Promise<Client> {
  const connection = await Connection.connect({ address });
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
