import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import type { ActivityName } from '../../activities/index.js';
import type { Actor } from '../../domain/nomination/events.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, nominate, officer, step } from '../support/nominations.js';
import { startMailbox, type TestMailbox } from '../support/smtp.js';

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Notifications over a real SMTP server, and activities that die right after their transaction committed: the
// retry must leave exactly one event, one inbox row and one e-mail each.
describe('notifications and retries after a commit', () => {
  let env: TestEnvironment;
  let mailbox: TestMailbox;
  let worker: Worker;
  let running: Promise<void>;
  const failedOnce = new Map<ActivityName, number>();
  let base: Actor;
  let district: Actor;
  let board: Actor;

  beforeAll(async () => {
    env = await createTestEnvironment('notify');
    await loadFixtureProvince(env.db);
    mailbox = await startMailbox();
    base = await officer(env.db, 'cs.h01.canbo');
    district = await officer(env.db, 'h01.canbo');
    board = await officer(env.db, 'tinh.btv');
    worker = await env.createWorker({
      mailer: mailbox.mailer,
      // Every first attempt of these activities dies after its work committed, as if the worker crashed there.
      afterCommit: (activity, attempt) => {
        if (attempt === 1) {
          failedOnce.set(activity, (failedOnce.get(activity) ?? 0) + 1);
          throw new Error(`injected crash after ${activity} committed`);
        }
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await mailbox.close();
    await env.teardown();
  });

  it('writes each event once and sends each e-mail once, though every first attempt died after committing', async () => {
    const [memberId] = await eligibleForDiploma(env.db, { limit: 1 });
    const member = { id: memberId ?? '' };
    const { id } = await nominate(env.deps, base, member.id, 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base });
    await step(env.deps, id, 'endorse', { actor: district });
    const approved = await step(env.deps, id, 'approve', { actor: board });
    expect(approved.status).toBe('approved');

    // The crashes really happened, and were retried.
    // The creation and the endorsement are recorded; the submission is reviewed and recorded in one transaction.
    expect(failedOnce.get('appendNominationEvents')).toBe(2);
    expect(failedOnce.get('submitNomination')).toBe(1);
    expect(failedOnce.get('approveNomination')).toBe(1);

    const events = await env.db
      .selectFrom('nomination_events')
      .select(['position', 'type'])
      .where('nomination_id', '=', id)
      .orderBy('position')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
    ]);
    const decisions = await env.db
      .selectFrom('decisions')
      .select('sequence')
      .where('unit_id', '=', 'AL')
      .execute();
    expect(decisions.map((d) => d.sequence)).toEqual([1]);

    // Notifications: the district hears of the submission, the province of the endorsement, everyone on the route of
    // the approval. Wait until every inbox row has its e-mail, then count.
    await until(async () => {
      const rows = await env.db
        .selectFrom('notifications')
        .select(['id', 'email_status'])
        .where('nomination_id', '=', id)
        .execute();
      // Positions 2, 3 and 4 (submitted, endorsed, approved) each notify someone; the creation notifies no one.
      const positions = new Set(rows.map((r) => r.id.split(':')[1]));
      return positions.size === 3 && rows.every((r) => r.email_status === 'sent');
    });
    const inbox = await env.db
      .selectFrom('notifications')
      .selectAll()
      .where('nomination_id', '=', id)
      .execute();
    const approvalRecipients = inbox.filter((n) => n.kind === 'approved').map((n) => n.recipient_unit_id);
    expect(new Set(approvalRecipients)).toEqual(new Set(['CS0001', 'AL-H01', 'AL']));
    expect(
      inbox
        .filter((n) => n.kind === 'awaiting')
        .map((n) => n.recipient_unit_id)
        .sort(),
    ).toEqual(expect.arrayContaining(['AL', 'AL-H01']));
    const approvedMail = inbox.find((n) => n.kind === 'approved');
    expect(approvedMail?.subject).toBe(
      `Đã có quyết định khen thưởng: Bằng khen của Liên đoàn Lao động tỉnh — ${approved.nominee.name}`,
    );
    // The number with its issuer and date: "1/QĐ-LĐLĐ" alone could be any unit's.
    expect(approvedMail?.body).toMatch(
      /^Quyết định số 1\/QĐ-LĐLĐ của Liên đoàn Lao động tỉnh An Lạc, ngày \d{2}\/\d{2}\/\d{4} khen thưởng /,
    );

    const perNotification = new Map<string, number>();
    for (const mail of mailbox.mails) {
      if (mail.notificationId !== null)
        perNotification.set(mail.notificationId, (perNotification.get(mail.notificationId) ?? 0) + 1);
    }
    expect(mailbox.mails.filter((m) => m.notificationId?.startsWith(id) === true)).toHaveLength(inbox.length);
    for (const row of inbox) expect(perNotification.get(row.id)).toBe(1);
  });
});
