import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-21): anchors of each stream's head, so that cutting off the newest events shows.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stream_heads')
    .addColumn('nomination_id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // HMAC-SHA256 of (nomination, position, hash) under a key kept outside the database (AUDIT_ANCHOR_KEY).
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stream_heads').ifExists().execute();
}
