/**
 * What the use cases run on. The API, the workers' composition root and the command line build one and pass it to
 * every service function together with the viewer who acts.
 */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Timing } from '../domain/deadlines.js';

export interface ServiceDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  timing: Timing;
  /** Days before a movement's review that its units are reminded (default 7). */
  movementReminderDays?: number;
  /** The public address printed papers point to (PUBLIC_URL); the verification page is under it. */
  publicUrl: string;
}
