/**
 * `npm run mail:outbox -- <command>`: the operators' e-mail outbox (activities/mail-outbox.ts).
 *
 *   list    [--status unknown|sending|pending|failed|sent] [--limit N]   the mails in a status (default: unknown)
 *   resolve <id> markSent|requeue [--by NAME]                            the operator's decision on one mail
 *
 * Check whether an unknown mail arrived before re-queueing it: re-queueing one that did arrive sends it twice. The
 * worker sends re-queued mails within a minute. Against DATABASE_URL, else the running `npm start`'s database, else
 * the embedded one started for the occasion. Exit codes: 0 done, 1 refused (not found, nothing to resolve), 2 usage.
 */
import './local-defaults.js';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config.js';
import {
  listOutbox,
  outboxStatuses,
  resolutions,
  resolveMail,
  type OutboxStatus,
  type Resolution,
} from '../services/mail-outbox.js';
import { withDatabase } from './with-database.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { status: { type: 'string' }, limit: { type: 'string' }, by: { type: 'string' } },
});
const [command, id, decision] = positionals;

function usage(message: string): never {
  console.error(
    `${message}\n\nusage: npm run mail:outbox -- list [--status ${outboxStatuses.join('|')}] [--limit N] | resolve <id> ${resolutions.join('|')} [--by NAME]`,
  );
  process.exit(2);
}

const isStatus = (s: string): s is OutboxStatus => (outboxStatuses as readonly string[]).includes(s);
const isResolution = (s: string): s is Resolution => (resolutions as readonly string[]).includes(s);

const config = loadConfig();
let code = 0;
switch (command) {
  case 'list': {
    const status = values.status ?? 'unknown';
    if (!isStatus(status)) usage(`unknown status ${status}`);
    const limit = Number(values.limit ?? '100');
    if (!Number.isInteger(limit) || limit < 1) usage('--limit must be a positive integer');
    const mails = await withDatabase(config, (db) => listOutbox(db, { status, limit }));
    if (mails.length === 0) console.log(`No e-mail is ${status}.`);
    else
      console.table(
        mails.map((m) => ({
          id: m.id,
          recipient: m.recipient ?? '',
          subject: m.subject,
          created: m.createdAt,
          claimed: m.claimedAt ?? '',
          attempts: m.attempts,
          error: m.error ?? '',
        })),
      );
    break;
  }
  case 'resolve': {
    if (id === undefined || decision === undefined) usage('resolve needs an id and a decision');
    if (!isResolution(decision)) usage(`unknown decision ${decision}`);
    const by = values.by ?? `cli:${os.userInfo().username}`;
    const result = await withDatabase(config, (db) => resolveMail(db, id, decision, by));
    if (result.ok) {
      console.log(
        decision === 'requeue'
          ? `${id}: re-queued; the worker sends it within a minute.`
          : `${id}: marked sent.`,
      );
    } else {
      console.error(
        result.reason === 'notFound'
          ? `No e-mail ${id}.`
          : `${id} is ${result.status}: only a mail whose outcome is unknown is resolved (or, to re-queue, one refused for good).`,
      );
      code = 1;
    }
    break;
  }
  default:
    usage(command === undefined ? 'name a command' : `unknown command ${command}`);
}
process.exit(code);
