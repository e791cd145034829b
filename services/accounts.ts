/**
 * Accounts and sessions. Officers log in with a username and password (argon2id hashes); a session is an opaque random
 * token, kept only as its SHA-256. Wrong passwords are counted per username in PostgreSQL, so that a lock-out holds
 * whichever replica a guess reaches.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Viewer } from '../domain/viewer.js';
import type { LoginLimits } from '../infra/config.js';
import type { ServiceDeps } from './deps.js';
import { sha256 } from './ids.js';

/** A hash to verify against when the username is unknown, so that a wrong username takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;

export async function checkPassword(
  db: Kysely<Database>,
  username: string,
  password: string,
): Promise<string | null> {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  dummyHash ??= hash('not a password of anyone');
  const ok = await verify(account?.password_hash ?? (await dummyHash), password).catch(() => false);
  return ok && account !== undefined ? account.id : null;
}

/**
 * Takes one try at a username before its password is checked, in one statement, so that guesses sent all at once
 * (through one replica or several) cannot all pass a check made before any of them failed: each try counts as a failure
 * until its password proves right. The count restarts when the first try of the run is older than the window. Answers
 * the seconds the username stays locked when it is locked or has no try left in this run, else null.
 */
export async function reserveLoginAttempt(
  db: Kysely<Database>,
  username: string,
  limits: LoginLimits,
): Promise<number | null> {
  const window = sql`make_interval(mins => ${limits.failureWindowMinutes})`;
  const locked = sql<boolean>`(login_failures.locked_until is not null and login_failures.locked_until > now())`;
  const inRun = sql<boolean>`(login_failures.failures > 0 and login_failures.first_failed_at > now() - ${window})`;
  const row = await db
    .insertInto('login_failures')
    .values({ username, failures: 1, first_failed_at: sql<Date>`now()`, locked_until: null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failures: sql<number>`case when ${locked} then login_failures.failures when ${inRun} then login_failures.failures + 1 else 1 end`,
        first_failed_at: sql<Date>`case when ${locked} or ${inRun} then login_failures.first_failed_at else now() end`,
      }),
    )
    .returning([
      'failures',
      sql<
        number | null
      >`case when locked_until > now() then ceil(extract(epoch from locked_until - now()))::int end`.as(
        'seconds',
      ),
    ])
    .executeTakeFirstOrThrow();
  if (row.seconds !== null) return Math.max(row.seconds, 1);
  // More tries in flight than the run allows: refused unchecked, as a lock would refuse them.
  if (row.failures > limits.maxFailures) return limits.lockMinutes * 60;
  return null;
}

/**
 * A try whose password was wrong stays counted; the one that reaches the limit locks the username and restarts the
 * count, so that after the lock the officer has the full number of tries again. Answers the seconds of a lock this
 * failure started, or null.
 */
export async function lockIfExhausted(
  db: Kysely<Database>,
  username: string,
  limits: LoginLimits,
): Promise<number | null> {
  const row = await db
    .updateTable('login_failures')
    .set({
      failures: 0,
      locked_until: sql<Date>`now() + make_interval(mins => ${limits.lockMinutes})`,
    })
    .where('username', '=', username)
    .where('failures', '>=', limits.maxFailures)
    .returning(sql<number>`ceil(extract(epoch from locked_until - now()))::int`.as('seconds'))
    .executeTakeFirst();
  return row === undefined ? null : Math.max(row.seconds, 1);
}

/** A right password ends the run of failures. */
export async function clearLoginFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}

export async function createSession(
  db: Kysely<Database>,
  accountId: string,
  hours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), account_id: accountId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function officerForToken(db: Kysely<Database>, token: string): Promise<Viewer | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .select([
      'accounts.id as accountId',
      'accounts.username',
      'accounts.display_name as displayName',
      'accounts.role',
      'accounts.unit_id as unitId',
      'units.name as unitName',
      'units.level as unitLevel',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  return row ?? null;
}

export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; officer: Viewer }
  /** Locked (or out of tries) for these seconds, before or because of this try. */
  | { ok: false; lockedForSeconds: number }
  | { ok: false; lockedForSeconds: null };

/** One login try: counted before its password is checked, a session when it is right. */
export async function logIn(
  deps: Pick<ServiceDeps, 'db'>,
  limits: LoginLimits,
  credentials: { username: string; password: string },
  sessionHours: number,
): Promise<LoginOutcome> {
  const { db } = deps;
  const { username, password } = credentials;
  const lockedFor = await reserveLoginAttempt(db, username, limits);
  if (lockedFor !== null) return { ok: false, lockedForSeconds: lockedFor };
  const accountId = await checkPassword(db, username, password);
  if (accountId === null) return { ok: false, lockedForSeconds: await lockIfExhausted(db, username, limits) };
  await clearLoginFailures(db, username);
  const session = await createSession(db, accountId, sessionHours);
  const officer = await officerForToken(db, session.token);
  if (officer === null) throw new Error('a session just made is not found');
  return { ok: true, ...session, officer };
}
