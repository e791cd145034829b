/**
 * `npm run mail:outbox -- <command>`: the operators' e-mail outbox (activities/mail-outbox.ts).
 *
 *   list    [--status unknown|sending|pending|failed|sent] [--limit N]   the mails in a status (default: unknown)
 *   resolve <id> markSent|requeue [--by NAME]                            the operator's decision on one mail
 *
 * Check whether an unknown mail arrived before re-queueing it: re-queueing one that did arrive sends it twice. The
 * worker sends re-queued mails within a minute. Against DATABASE_URL, else the running `npm start`'s database, else
 * the embedded one started for the occasion. Exit codes: 0 done, 1 refused (not found, nothing to resolve), 2 usage.
 * It speaks Vietnamese (messages/vi.js, outboxCommand), with times in Vietnam time; the command words stay as typed.
 */
import './local-defaults.js';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config.js';
import { formatDateTime, formatNumber } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import {
  listOutbox,
  outboxStatuses,
  resolutions,
  resolveMail,
  type OutboxStatus,
  type Resolution,
} from '../services/mail-outbox.js';
import { printTable } from './table.js';
import { withDatabase } from './with-database.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { status: { type: 'string' }, limit: { type: 'string' }, by: { type: 'string' } },
});
const [command, id, decision] = positionals;

const words = vi.outboxCommand;

function usage(message: string): never {
  console.error(
    `${message}\n\n${words.usage({ statuses: outboxStatuses.join('|'), resolutions: resolutions.join('|') })}`,
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
    if (!isStatus(status)) usage(words.unknownStatus(status));
    const limit = Number(values.limit ?? '100');
    if (!Number.isInteger(limit) || limit < 1) usage(words.badLimit);
    const mails = await withDatabase(config, (db) => listOutbox(db, { status, limit }));
    const column = words.columns;
    if (mails.length === 0) console.log(words.noneInStatus(vi.emailStatus[status]));
    else
      printTable(
        mails.map((m) => ({
          [column.id]: m.id,
          [column.recipient]: m.recipient ?? '',
          [column.subject]: m.subject,
          [column.created]: formatDateTime(m.createdAt),
          [column.claimed]: m.claimedAt === null ? '' : formatDateTime(m.claimedAt),
          [column.attempts]: formatNumber(m.attempts),
          [column.error]: m.error ?? '',
        })),
      );
    break;
  }
  case 'resolve': {
    if (id === undefined || decision === undefined) usage(words.resolveNeeds);
    if (!isResolution(decision)) usage(words.unknownDecision(decision));
    const by = values.by ?? `cli:${os.userInfo().username}`;
    const result = await withDatabase(config, (db) => resolveMail(db, id, decision, by));
    if (result.ok) {
      console.log(decision === 'requeue' ? words.requeued(id) : words.markedSent(id));
    } else {
      console.error(
        result.reason === 'notFound'
          ? words.notFound(id)
          : words.notUnknown({ id, status: vi.emailStatus[result.status] }),
      );
      code = 1;
    }
    break;
  }
  default:
    usage(command === undefined ? words.nameACommand : words.unknownCommand(command));
}
process.exit(code);
