import { describe, expect, it } from '@jest/globals';
import { eventHash, GENESIS_HASH } from '../../db/event-hash.js';
import { decide } from '../../domain/nomination/decider.js';
import type { PositionedEvent } from '../../domain/nomination/events.js';
import { createCommand } from '../support/fixtures.js';

const [createdEvent] = decide(createCommand({ at: '2026-03-02T08:00:00.000Z' }), { status: 'none' });
if (createdEvent?.type !== 'NominationCreated') throw new Error('fixture');
const created: PositionedEvent = { nominationId: 'nom-1', position: 1, event: createdEvent };

describe('the event hash chain', () => {
  it('is a SHA-256 hex digest, the same for the same event', () => {
    const hash = eventHash(GENESIS_HASH, created);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, structuredClone(created))).toBe(hash);
  });

  it('does not depend on the order of keys or the time zone the time was written in', () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value;
    const reordered = reverseKeys({
      ...created,
      event: { ...created.event, occurredAt: '2026-03-02T15:00:00.000+07:00' },
    }) as PositionedEvent;
    expect(Object.keys(reordered)[0]).toBe('event');
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, created));
  });

  it('changes when any part of the event changes', () => {
    const base = eventHash(GENESIS_HASH, created);
    const variants: PositionedEvent[] = [
      { ...created, nominationId: 'nom-2' },
      { ...created, position: 2 },
      { ...created, event: { ...created.event, occurredAt: '2026-03-02T08:00:01.000Z' } },
      {
        ...created,
        event: { ...created.event, actor: { ...created.event.actor, role: 'district_officer' } },
      },
      { ...created, event: { ...created.event, comment: 'sửa' } },
      {
        ...created,
        event: {
          ...createdEvent,
          data: { ...createdEvent.data, nominee: { ...createdEvent.data.nominee, name: 'Nguyễn Thị Hạ' } },
        },
      },
    ];
    for (const variant of variants) expect(eventHash(GENESIS_HASH, variant)).not.toBe(base);
  });

  it('chains: the same event after a different predecessor has a different hash', () => {
    const first = eventHash(GENESIS_HASH, created);
    const second = { ...created, position: 2 };
    expect(eventHash(first, second)).not.toBe(eventHash(GENESIS_HASH.replace(/0$/, '1'), second));
  });
});
