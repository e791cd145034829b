/**
 * Encryption of Temporal payloads. A nomination's workflow carries the nominee's name, member id, unit, leader and
 * direct-worker flags and achievement text; without this codec all of it sits in clear text in Temporal's histories
 * (its database, its UI, `temporal workflow show`). Every client and worker of the project encodes with this codec,
 * so the Temporal server only ever stores ciphertext.
 *
 * Each payload becomes AES-256-GCM over the original payload's protobuf bytes, with a random 12-byte IV, and the
 * id of the key in its metadata. Decoding picks the key by that id, so after a rotation (a new key first in
 * PAYLOAD_KEYS, the old ones kept after it) the histories written under the old keys still decode. Payloads that
 * are not encrypted (histories recorded before this codec, e.g. test/histories/) pass through untouched.
 *
 * Search attributes are not payloads that codecs see: they must stay non-personal (workflows/search-attributes.ts).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  type DataConverter,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
// The proto package is CommonJS: its namespaces come through the default export under ESM.
import proto from '@temporalio/proto';

const PayloadMessage = proto.temporal.api.common.v1.Payload;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface PayloadKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

/** Any failure to decrypt: unknown key id, or ciphertext that does not authenticate under its key. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

/**
 * The key used in development and tests when PAYLOAD_KEYS is unset. Derived from a public phrase: it protects
 * nothing, it only keeps the development path the same as a deployment's.
 */
export const developmentPayloadKey: PayloadKey = {
  id: 'dev',
  key: createHash('sha256')
    .update('thi-dua development payload key: set PAYLOAD_KEYS in a deployment')
    .digest(),
};

/**
 * Parses PAYLOAD_KEYS: comma-separated `id:base64key` entries, the first one current (used to encode), the others
 * kept only to decode histories written before a rotation.
 */
export function parsePayloadKeys(raw: string, variable = 'PAYLOAD_KEYS'): PayloadKey[] {
  const keys: PayloadKey[] = [];
  for (const entry of raw.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id) || encoded === '') {
      throw new Error(
        `${variable} must be comma-separated id:base64key entries (the first one current), e.g. "k2:…,k1:…"; an entry has no valid id (letters, digits, . _ -)`,
      );
    }
    const key = Buffer.from(encoded, 'base64');
    // Buffer.from ignores characters outside the alphabet: round-trip to refuse a mistyped key rather than shorten it.
    if (
      key.length !== KEY_BYTES ||
      key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')
    ) {
      throw new Error(
        `${variable}: key "${id}" must be ${KEY_BYTES} bytes in base64 (generate one with \`openssl rand -base64 32\`)`,
      );
    }
    if (keys.some((k) => k.id === id)) throw new Error(`${variable}: key id "${id}" appears twice`);
    keys.push({ id, key });
  }
  if (keys.length === 0) throw new Error(`${variable} holds no key`);
  return keys;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function text(bytes: Uint8Array | null | undefined): string | undefined {
  return bytes === null || bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/** AES-256-GCM with the key id as additional data, so that relabelling a payload with another key id fails too. */
export class EncryptionCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: readonly PayloadKey[]) {
    const [current] = keys;
    if (current === undefined) throw new Error('EncryptionCodec needs at least one key');
    for (const k of keys) {
      if (k.key.length !== KEY_BYTES) throw new Error(`Payload key "${k.id}" must be ${KEY_BYTES} bytes`);
    }
    this.current = current;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      cipher.setAAD(Buffer.from(this.current.id, 'utf8'));
      const plain = PayloadMessage.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: utf8(this.current.id),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Not ours: histories from before encryption, and anything another layer wrote. Passed on as they are.
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      if (keyId === undefined) {
        throw new PayloadDecryptionError(
          `An encrypted Temporal payload has no ${KEY_ID_METADATA} in its metadata`,
        );
      }
      const key = this.byId.get(keyId);
      if (key === undefined) {
        throw new PayloadDecryptionError(
          `A Temporal payload is encrypted with key "${keyId}", which is not in PAYLOAD_KEYS (known: ${[...this.byId.keys()].join(', ')}); keep retired keys after the current one`,
        );
      }
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) {
        throw new PayloadDecryptionError(`An encrypted Temporal payload (key "${keyId}") is truncated`);
      }
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new PayloadDecryptionError(
          `A Temporal payload does not authenticate under key "${keyId}": the key under that id is not the one it was written with, or the payload was altered`,
        );
      }
      // The whole original message, every field of it (metadata, data, and any the SDK adds).
      return PayloadMessage.decode(plain);
    });
  }
}

/**
 * What every Client, Worker and replayer of the project passes as `dataConverter`. Throws, with what to do, when the
 * configuration has no keys (outside development PAYLOAD_KEYS is required).
 */
export function payloadDataConverter(config: { payloadKeys: readonly PayloadKey[] }): DataConverter {
  if (config.payloadKeys.length === 0) {
    throw new Error(
      'PAYLOAD_KEYS is not set: outside development (NODE_ENV other than development or test) Temporal payloads must be encrypted with keys of your own. ' +
        'Set PAYLOAD_KEYS="k1:<base64 of 32 random bytes>" (`openssl rand -base64 32`), the same value for the worker and the API.',
    );
  }
  return { payloadCodecs: [new EncryptionCodec(config.payloadKeys)] };
}
