/**
 * The small province most integration files load: the demo's first four base unions under each upper union, with
 * their members, accounts and registrations exactly as in the whole demo (same ids, same data), about a sixth of
 * its size. Files whose figures depend on the province's size (the periodic reports, the dashboard) load the whole
 * demo instead.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadDemoData, type DemoLoadResult } from '../../scripts/demo/load.js';

export const FIXTURE_BASES_PER_UPPER = 4;

export function loadFixtureProvince(db: Kysely<Database>): Promise<DemoLoadResult> {
  return loadDemoData(db, { basesPerUpper: FIXTURE_BASES_PER_UPPER });
}
