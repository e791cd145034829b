import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadConfig } from '../../infra/config.js';
import {
  developmentPayloadKey,
  EncryptionCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  parsePayloadKeys,
  payloadDataConverter,
  PayloadDecryptionError,
  type PayloadKey,
} from '../../infra/payload-codec.js';

const k1: PayloadKey = { id: 'k1', key: randomBytes(32) };
const k2: PayloadKey = { id: 'k2', key: randomBytes(32) };
const nominee = {
  name: 'Nguyễn Thị Hồng Nhung',
  memberId: 'M-000123',
  achievement: 'Sáng kiến tiết kiệm 1,2 tỷ đồng',
};
const text = (b: Uint8Array | null | undefined): string => new TextDecoder().decode(b ?? new Uint8Array());

function payloadOf(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}

describe('the payload encryption codec', () => {
  it('round-trips a payload, and keeps nothing of it readable', async () => {
    const codec = new EncryptionCodec([k1]);
    const original = payloadOf(nominee);
    const [encoded] = await codec.encode([original]);
    expect(text(encoded?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded?.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(encoded?.data ?? []).includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(Buffer.from(encoded?.data ?? []).includes(Buffer.from('M-000123'))).toBe(false);
    const [decoded] = await codec.decode([encoded ?? {}]);
    expect(defaultPayloadConverter.fromPayload(decoded ?? {})).toEqual(nominee);
    expect(text(decoded?.metadata?.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV for every payload: the same value never encrypts the same twice', async () => {
    const codec = new EncryptionCodec([k1]);
    const [a, b] = await codec.encode([payloadOf(nominee), payloadOf(nominee)]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
    expect(
      Buffer.from(a?.data ?? [])
        .subarray(0, 12)
        .equals(Buffer.from(b?.data ?? []).subarray(0, 12)),
    ).toBe(false);
  });

  it('passes through payloads that are not encrypted (histories from before encryption)', async () => {
    const codec = new EncryptionCodec([k1]);
    const clear = payloadOf(nominee);
    expect(await codec.decode([clear])).toEqual([clear]);
  });

  it('detects a payload altered in transit or at rest (GCM authentication)', async () => {
    const codec = new EncryptionCodec([k1]);
    const [encoded] = await codec.encode([payloadOf(nominee)]);
    const data = Buffer.from(encoded?.data ?? []);
    for (const at of [0, 20, data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      await expect(codec.decode([{ ...encoded, data: tampered }])).rejects.toThrow(PayloadDecryptionError);
    }
    await expect(codec.decode([{ ...encoded, data: data.subarray(0, 20) }])).rejects.toThrow(/truncated/);
  });

  it('refuses a payload relabelled with another key id (the id is authenticated too)', async () => {
    const [encoded] = await new EncryptionCodec([k1]).encode([payloadOf(nominee)]);
    const relabelled = {
      ...encoded,
      metadata: { ...encoded?.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('k2') },
    };
    await expect(new EncryptionCodec([k2, { id: 'k1', key: k1.key }]).decode([relabelled])).rejects.toThrow(
      /does not authenticate under key "k2"/,
    );
  });

  it('decodes with the key named in the payload, so histories stay readable after a rotation', async () => {
    const [underK1] = await new EncryptionCodec([k1]).encode([payloadOf(nominee)]);
    const rotated = new EncryptionCodec([k2, k1]);
    const [underK2] = await rotated.encode([payloadOf(nominee)]);
    expect(text(underK2?.metadata?.[KEY_ID_METADATA])).toBe('k2');
    const decoded = await rotated.decode([underK1 ?? {}, underK2 ?? {}]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([nominee, nominee]);
  });

  it('names the missing key, and the wrong key, in its errors', async () => {
    const [underK1] = await new EncryptionCodec([k1]).encode([payloadOf(nominee)]);
    await expect(new EncryptionCodec([k2]).decode([underK1 ?? {}])).rejects.toThrow(
      /encrypted with key "k1", which is not in PAYLOAD_KEYS \(known: k2\)/,
    );
    await expect(new EncryptionCodec([{ id: 'k1', key: k2.key }]).decode([underK1 ?? {}])).rejects.toThrow(
      /does not authenticate under key "k1"/,
    );
  });
});

describe('payload keys in the configuration', () => {
  const b64 = (k: PayloadKey): string => k.key.toString('base64');

  it('reads PAYLOAD_KEYS, the first key current', () => {
    const keys = parsePayloadKeys(`k2:${b64(k2)}, k1:${b64(k1)}`);
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(keys[0]?.key.equals(k2.key)).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${b64(k1)}` }).payloadKeys).toHaveLength(1);
  });

  it('refuses malformed keys, naming the variable', () => {
    expect(() => parsePayloadKeys('k1')).toThrow(/PAYLOAD_KEYS must be comma-separated id:base64key/);
    expect(() => parsePayloadKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parsePayloadKeys(`k1:${b64(k1)},k1:${b64(k2)}`)).toThrow(/appears twice/);
    expect(() => parsePayloadKeys('k1:not base64 at all!!')).toThrow(/32 bytes/);
    expect(() => loadConfig({ PAYLOAD_KEYS: 'nonsense' })).toThrow(/PAYLOAD_KEYS/);
  });

  it('has a development key in development and tests only; elsewhere refuses to start without keys', () => {
    for (const NODE_ENV of ['development', 'test'])
      expect(loadConfig({ NODE_ENV }).payloadKeys).toEqual([developmentPayloadKey]);
    // Unset is a deployment too, as for the audit anchor key: only an explicit development gets the known key.
    for (const env of [{ NODE_ENV: 'production' }, {}]) {
      const deployed = loadConfig(env);
      expect(deployed.payloadKeys).toEqual([]);
      expect(() => payloadDataConverter(deployed)).toThrow(/PAYLOAD_KEYS is not set/);
    }
  });
});
