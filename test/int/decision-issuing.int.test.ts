import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import mammoth from 'mammoth';
import { buildApp, type App } from '../../api/app.js';
import { VERIFICATION_RATE_LIMIT } from '../../api/routes/verification.js';
import { verifyScope } from '../../audit/verify.js';
import type { Actor } from '../../domain/nomination/events.js';
import type { NominationState } from '../../domain/nomination/state.js';
import { stateQuery } from '../../workflows/nomination.js';
import { as, multipartFile, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import {
  eligibleForDiploma,
  eventTypes,
  givenPastAwards,
  nominate,
  officer,
  step,
} from '../support/nominations.js';
import { pdfQrCodes } from '../support/pdf-qr.js';
import { pdfText } from '../support/pdf-text.js';
import { loadFixtureProvince } from '../support/province.js';
import { until } from '../support/until.js';

/** The deployment's public address, as PUBLIC_URL would set it: the QR codes must lead there. */
const PUBLIC_URL = 'https://thidua.example.vn';

interface Decision {
  id: string;
  status: string;
  number: string | null;
  issuedAt: string | null;
  individuals: number;
}

interface Refusal {
  code: string;
  refusals: { nominationId: string; code: string; message: string }[];
}

// Issuing a decision over the real API, workflows, Temporal and PostgreSQL: one number for the whole annex, every
// nomination approved and pointing at it, or none with each reason; safe against a withdrawal and another issuing.
describe('issuing a decision', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let officerApi: ApiClient;
  let board: ApiClient;
  let base: Actor;
  let district: Actor;
  /** Provincial diplomas waiting for the province's decision: taken from the front as each test needs them. */
  const waiting: string[] = [];

  /** `count` provincial diplomas of the fixture's base unions, submitted and endorsed: waiting for the province. */
  async function diplomasWaiting(count: number): Promise<string[]> {
    // The base unions of two districts, each with its eligible members; each district's officer endorses its own.
    const units = await env.db
      .selectFrom('units')
      .select(['id', 'parent_id'])
      .where('parent_id', 'in', ['AL-H01', 'AL-H02'])
      .where('level', '=', 'base')
      .orderBy('id')
      .execute();
    const members: { memberId: string; unitId: string; districtId: string }[] = [];
    for (const { id: unitId, parent_id } of units)
      for (const memberId of await eligibleForDiploma(env.db, { unitId, limit: count }))
        members.push({ memberId, unitId, districtId: parent_id ?? '' });
    if (members.length < count)
      throw new Error(`only ${members.length} eligible members for ${count} diplomas`);
    const ids: string[] = [];
    const chosen = members.slice(0, count);
    for (let i = 0; i < chosen.length; i += 8)
      ids.push(
        ...(await Promise.all(
          chosen.slice(i, i + 8).map(async ({ memberId, unitId, districtId }) => {
            const submitter = await officerAtBase(unitId);
            const { id } = await nominate(env.deps, submitter, memberId, 'BK-LDLD-TINH');
            await step(env.deps, id, 'submit', { actor: submitter });
            const endorser: Actor =
              districtId === 'AL-H01'
                ? district
                : { id: `officer.${districtId}`, role: 'district_officer', unitId: districtId };
            await step(env.deps, id, 'endorse', { actor: endorser });
            return id;
          }),
        )),
      );
    return ids;
  }

  async function officerAtBase(unitId: string): Promise<Actor> {
    return unitId === 'CS0001' ? base : { id: `officer.${unitId}`, role: 'base_officer', unitId };
  }

  beforeAll(async () => {
    env = await createTestEnvironment('issuing');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp({ ...env.deps, publicUrl: PUBLIC_URL });
    base = await officer(env.db, 'cs.h01.canbo');
    district = await officer(env.db, 'h01.canbo');
    officerApi = await as(app, 'tinh.canbo');
    board = await as(app, 'tinh.btv');
    waiting.push(...(await diplomasWaiting(48)));
  }, 180_000);

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const take = (n: number): string[] => waiting.splice(0, n);
  /** The decision of forty, issued by the first test, whose papers the next one prints. */
  let fortyDecision: { id: string; number: string; nominationIds: string[] } | undefined;

  /** The submitting unit's officer, who may withdraw the nomination before its decision. */
  async function submitterOf(nominationId: string): Promise<Actor> {
    const { submitting_unit_id } = await env.db
      .selectFrom('nominations')
      .select('submitting_unit_id')
      .where('id', '=', nominationId)
      .executeTakeFirstOrThrow();
    return officerAtBase(submitting_unit_id);
  }

  async function draft(nominationIds: string[]): Promise<string> {
    const created = await officerApi.post('/api/decisions', {
      year: 2026,
      title: 'Về việc tặng Bằng khen thành tích xuất sắc năm 2026',
      nominationIds,
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string }>().id;
  }

  const issue = (id: string) => board.post(`/api/decisions/${id}/issue`);

  const workflowStatus = async (id: string): Promise<string> =>
    (await env.client.workflow.getHandle(id).query<NominationState>(stateQuery)).status;

  it('approves forty nominations under one number, each approval naming the decision', async () => {
    const forty = take(40);
    const id = await draft(forty);
    const answer = await issue(id);
    expect(answer.statusCode).toBe(200);
    const decision = answer.json<Decision>();
    expect(decision).toMatchObject({ status: 'issued', individuals: 40 });
    expect(decision.number).toMatch(/^\d+\/QĐ-LĐLĐ$/);
    fortyDecision = { id, number: decision.number ?? '', nominationIds: forty };
    // Each pays the form's bonus for an individual at the base salary in effect: 0.6 × 2,340,000 = 1,404,000 đồng,
    // paid as 1,410,000; forty of them.
    const paid = answer.json<{ bonusTotalVnd: number; annex: { entries: { bonusVnd: number }[] }[] }>();
    expect(paid.annex.flatMap((g) => g.entries.map((e) => e.bonusVnd))).toEqual(Array(40).fill(1_410_000));
    expect(paid.bonusTotalVnd).toBe(56_400_000);

    // One number, forty approvals pointing at it, in the store and in the register.
    const approvals = await env.db
      .selectFrom('nomination_events')
      .select(['nomination_id', 'data'])
      .where('type', '=', 'NominationApproved')
      .where('nomination_id', 'in', forty)
      .execute();
    expect(approvals).toHaveLength(40);
    for (const a of approvals)
      expect(a.data).toMatchObject({ decisionNumber: decision.number, decisionId: id });
    const register = await env.db
      .selectFrom('decisions')
      .select(['number', 'decision_id'])
      .where('nomination_id', 'in', forty)
      .execute();
    expect(new Set(register.map((r) => `${r.number} ${r.decision_id}`))).toEqual(
      new Set([`${decision.number} ${id}`]),
    );
    // Each nomination's workflow has folded its approval in.
    for (const nominationId of forty)
      await until(
        `the workflow of ${nominationId} approved`,
        async () => (await workflowStatus(nominationId)) === 'approved',
      );

    // The paper: the administrative layout, every name with its diacritics, the annex carried over pages.
    const pdf = await board.get(`/api/decisions/${id}/decision.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    for (const line of [
      'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM',
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC',
      `Số: ${decision.number ?? ''}`,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Lạc, ngày',
      'Về việc tặng Bằng khen thành tích xuất sắc năm 2026',
      'cho 40 cá nhân (có danh sách kèm theo)',
      'tiền thưởng theo quy định, mức cụ thể theo danh sách kèm theo; tổng cộng 56.400.000 đồng',
      'Tiền thưởng (đồng)',
      'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG',
      `(Kèm theo Quyết định số ${decision.number ?? ''} ngày`,
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(line);
    const names = await env.db
      .selectFrom('nominations')
      .select('nominee_name')
      .where('id', 'in', forty)
      .execute();
    for (const { nominee_name } of names) expect(text.replace(/\s+/g, ' ')).toContain(nominee_name);
    // The decision's page, and the annex over at least two more.
    expect(text.split('\f').length).toBeGreaterThanOrEqual(3);

    // Issuing again answers the same decision, and takes no second number.
    const again = await issue(id);
    expect(again.json<Decision>().number).toBe(decision.number);
    expect((await verifyScope(env.db)).issues).toEqual([]);

    // The auditors' check: a nomination taken off the issued paper's annex (straight in the database) is found.
    const gone = forty[0] ?? '';
    await env.db
      .deleteFrom('decision_annex')
      .where('decision_id', '=', id)
      .where('nomination_id', '=', gone)
      .execute();
    const found = (await verifyScope(env.db)).issues;
    expect(found.map((i) => i.kind)).toEqual(['decision-annex-mismatch']);
    expect(found[0]?.detail).toContain(`${gone} is approved in its name but not listed`);
    await env.db
      .insertInto('decision_annex')
      .values({ decision_id: id, nomination_id: gone, added_by: 'test' })
      .execute();
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  it('prints the decision and its certificates with codes whose QR addresses the public page confirms', async () => {
    if (fortyDecision === undefined) throw new Error('the decision of forty was not issued');
    const { id, number, nominationIds } = fortyDecision;
    const publicCheck = (code: string) =>
      app.inject({ method: 'GET', url: `/api/public/verifications/${encodeURIComponent(code)}` });
    const codeIn = (address: string): string => {
      expect(address.startsWith(`${PUBLIC_URL}/xac-minh/`)).toBe(true);
      return address.slice(`${PUBLIC_URL}/xac-minh/`.length);
    };

    // The decision: its code printed at the foot of the signed page, and a QR code of the address that checks it.
    const decisionPdf = (await board.get(`/api/decisions/${id}/decision.pdf`)).rawPayload;
    const [signedPage] = await pdfQrCodes(decisionPdf);
    expect(signedPage).toHaveLength(1);
    const decisionCode = codeIn(signedPage?.[0] ?? '');
    expect((await pdfText(decisionPdf)).replace(/\s+/g, ' ')).toContain(
      `Mã xác minh: ${decisionCode} Kiểm tra văn bản này tại: ${PUBLIC_URL}/xac-minh/${decisionCode}`,
    );
    const checked = await publicCheck(decisionCode);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({
      paper: 'decision',
      decision: { kind: 'award', number, issuerName: 'Liên đoàn Lao động tỉnh An Lạc' },
      award: null,
      listed: { collectives: 0, individuals: 40, revoked: 0 },
    });

    // The certificates: one page per award, each with the name and its own code; each QR leads to that award.
    const certificates = await board.get(`/api/decisions/${id}/certificates.pdf`);
    expect(certificates.statusCode).toBe(200);
    expect(certificates.headers['content-type']).toBe('application/pdf');
    const pages = (await pdfText(certificates.rawPayload)).split('\f').map((p) => p.replace(/\s+/g, ' '));
    const qrs = await pdfQrCodes(certificates.rawPayload);
    expect(pages).toHaveLength(40);
    // Two members may share a name (two "Huỳnh Hữu Dũng" here): a page is told by its name and its unit together.
    const awardees = await env.db
      .selectFrom('nominations as n')
      .innerJoin('units as u', 'u.id', 'n.submitting_unit_id')
      .select(['n.id', 'n.nominee_name', 'u.name as unit_name'])
      .where('n.id', 'in', nominationIds)
      .execute();
    const printed = new Set<string>();
    for (const [i, page] of pages.entries()) {
      for (const line of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TẶNG',
        'BẰNG KHEN',
        `Quyết định số ${number} ngày`,
      ])
        expect(page).toContain(line);
      const awardee = awardees.find((a) => page.includes(a.nominee_name) && page.includes(a.unit_name));
      expect(awardee).toBeDefined();
      printed.add(awardee?.id ?? '');
      const code = codeIn(qrs[i]?.[0] ?? '');
      expect(page).toContain(`Mã xác minh: ${code}`);
      // Every fifth page's code asked of the public page: it names the awardee printed on that page.
      if (i % 5 === 0) {
        const award = await publicCheck(code.toLowerCase());
        expect(award.statusCode).toBe(200);
        expect(award.json()).toMatchObject({
          paper: 'award',
          decision: { number },
          award: {
            nomineeName: awardee?.nominee_name,
            unitName: awardee?.unit_name,
            status: 'valid',
            revoked: null,
            formName: expect.stringContaining('Bằng khen'),
          },
        });
        expect(award.json<{ award: { chainHash: string } }>().award.chainHash).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    expect(printed.size).toBe(40);

    // Onto pre-printed blanks: only the fields, moved by the printer's offsets; the QR still reads.
    const blank = await board.get(`/api/decisions/${id}/certificates.pdf?mode=blank&offsetX=4.5&offsetY=-3`);
    expect(blank.statusCode).toBe(200);
    const blankFirst = (await pdfText(blank.rawPayload)).split('\f')[0] ?? '';
    expect(blankFirst).not.toContain('CỘNG HÒA');
    expect(blankFirst).toContain('Đã có thành tích xuất sắc');
    expect((await pdfQrCodes(blank.rawPayload))[0]).toEqual(qrs[0]);
    expect((await board.get(`/api/decisions/${id}/certificates.pdf?offsetX=99`)).statusCode).toBe(400);

    // A code nobody printed, or no code at all, is not confirmed; a draft has no certificates.
    expect((await publicCheck('00000-00000')).statusCode).toBe(404);
    expect((await publicCheck('not a code')).statusCode).toBe(404);
    const draftId = await draft([]);
    const notYet = await board.get(`/api/decisions/${draftId}/certificates.pdf`);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json<{ code: string }>().code).toBe('DecisionNotIssued');
  });

  it('gives the decision as an editable DOCX, and keeps the scan of its signed paper with its SHA-256', async () => {
    if (fortyDecision === undefined) throw new Error('the decision of forty was not issued');
    const { id, number, nominationIds } = fortyDecision;
    // The DOCX, read back as Word would show its text: the layout's lines, the articles, every name.
    const docx = await board.get(`/api/decisions/${id}/decision.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(docx.headers['content-disposition'])).toMatch(/quyet-dinh-\d+-QD-LDLD\.docx/);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value.replace(/\s+/g, ' ');
    for (const line of [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC',
      `Số: ${number}`,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'An Lạc, ngày',
      'Điều 1. Tặng Bằng khen của Liên đoàn Lao động tỉnh cho 40 cá nhân (có danh sách kèm theo)',
      'Điều 2. Kèm theo khen thưởng là tiền thưởng theo quy định, mức cụ thể theo danh sách kèm theo; tổng cộng 56.400.000 đồng.',
      'Điều 3. Văn phòng, các ban',
      'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG',
      '1.410.000',
    ])
      expect(text).toContain(line);
    const names = await env.db
      .selectFrom('nominations')
      .select('nominee_name')
      .where('id', 'in', nominationIds)
      .execute();
    for (const { nominee_name } of names) expect(text).toContain(nominee_name);

    // The signed paper's scan: attached once, its hash in the record, downloaded as it was.
    const scan = Buffer.concat([
      (await board.get(`/api/decisions/${id}/decision.pdf`)).rawPayload,
      Buffer.from('%scan'),
    ]);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    const attach = (file: { filename: string; type: string; content: Buffer }, decisionId = id) => {
      const { payload, headers } = multipartFile(file);
      return officerApi.request({
        method: 'POST',
        url: `/api/decisions/${decisionId}/signed-scan`,
        payload,
        headers,
      });
    };
    const attached = await attach({
      filename: 'quyết định đã ký.pdf',
      type: 'application/pdf',
      content: scan,
    });
    expect(attached.statusCode).toBe(200);
    expect(attached.json()).toMatchObject({
      signedScan: {
        sha256,
        filename: 'quyết định đã ký.pdf',
        contentType: 'application/pdf',
        uploadedBy: 'tinh.canbo',
      },
    });
    expect((await attach({ filename: 'lại.pdf', type: 'application/pdf', content: scan })).statusCode).toBe(
      200,
    );
    const other = await attach({
      filename: 'khác.pdf',
      type: 'application/pdf',
      content: Buffer.concat([scan, scan]),
    });
    expect(other.statusCode).toBe(409);
    expect(other.json<{ code: string }>().code).toBe('SignedScanAttached');
    const downloaded = await board.get(`/api/decisions/${id}/signed-scan`);
    expect(downloaded.statusCode).toBe(200);
    expect(createHash('sha256').update(downloaded.rawPayload).digest('hex')).toBe(sha256);
    // A scan that is not what it says, and a draft, are refused.
    expect(
      (
        await attach({
          filename: 'x.pdf',
          type: 'application/pdf',
          content: Buffer.from('<html>not a scan</html>'),
        })
      ).statusCode,
    ).toBe(415);
    const notIssued = await attach(
      { filename: 'x.pdf', type: 'application/pdf', content: scan },
      await draft([]),
    );
    expect(notIssued.statusCode).toBe(409);
    expect(notIssued.json<{ code: string }>().code).toBe('DecisionNotIssued');

    // The auditors' check: a scan changed behind the record's back is found.
    await sql`update decision_scans set content = content || decode('00', 'hex') where decision_id = ${id}`.execute(
      env.db,
    );
    expect((await verifyScope(env.db)).issues.map((i) => i.kind)).toEqual(['signed-scan-mismatch']);
    await sql`update decision_scans set content = ${scan} where decision_id = ${id}`.execute(env.db);
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  it('lets the public check codes at a limited pace, without a login', async () => {
    const limited = await buildApp({ ...env.deps, publicUrl: PUBLIC_URL });
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= VERIFICATION_RATE_LIMIT; i++)
        statuses.push(
          (await limited.inject({ method: 'GET', url: '/api/public/verifications/00000-00000' })).statusCode,
        );
      expect(statuses.slice(0, VERIFICATION_RATE_LIMIT).every((s) => s === 404)).toBe(true);
      const last = await limited.inject({ method: 'GET', url: '/api/public/verifications/00000-00000' });
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      // The page the QR code opens is public too.
      const page = await limited.inject({ method: 'GET', url: '/xac-minh/00000-00000' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('/public.js');
    } finally {
      await limited.close();
    }
  });

  it('approves none when one was withdrawn meanwhile, names it, and consumes no number', async () => {
    const [a, b, c] = take(3);
    if (a === undefined || b === undefined || c === undefined) throw new Error('not enough nominations');
    const id = await draft([a, b, c]);
    await step(env.deps, b, 'withdraw', { actor: await submitterOf(b) });
    const refused = await issue(id);
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<Refusal>();
    expect(problem.code).toBe('DecisionRefused');
    expect(problem.refusals.map((r) => r.nominationId)).toEqual([b]);
    for (const n of [a, c]) expect(await eventTypes(env.db, n)).not.toContain('NominationApproved');
    expect(
      (
        await env.db
          .selectFrom('decision_records')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('draft');

    // Taken off the annex, the rest is issued under the next number: the refusal took none.
    await officerApi.request({ method: 'DELETE', url: `/api/decisions/${id}/annex/${b}` });
    const before = await env.db
      .selectFrom('decision_counters')
      .select('last_sequence')
      .where('unit_id', '=', 'AL')
      .executeTakeFirstOrThrow();
    const issued = (await issue(id)).json<Decision>();
    expect(issued.number).toBe(`${before.last_sequence + 1}/QĐ-LĐLĐ`);
  });

  it('is never half-done when a withdrawal races the issuing', async () => {
    const [a, b] = take(2);
    if (a === undefined || b === undefined) throw new Error('not enough nominations');
    const id = await draft([a, b]);
    const withdrawer = await submitterOf(b);
    const [issued, withdrawn] = await Promise.allSettled([
      issue(id),
      step(env.deps, b, 'withdraw', { actor: withdrawer }),
    ]);
    // The loser was refused for the race, not for anything else.
    if (withdrawn.status === 'rejected')
      expect(String((withdrawn.reason as Error).cause ?? withdrawn.reason)).toMatch(
        /already stored|cannot withdraw.*approved|Cannot withdraw/i,
      );
    const approved = await env.db
      .selectFrom('nomination_events')
      .select('nomination_id')
      .where('type', '=', 'NominationApproved')
      .where('nomination_id', 'in', [a, b])
      .execute();
    if (issued.status === 'fulfilled' && issued.value.statusCode === 200) {
      // The decision came first: both approved, and the withdrawal was refused.
      expect(withdrawn.status).toBe('rejected');
      expect(approved).toHaveLength(2);
    } else {
      // The withdrawal came first: the decision refused it, and approved nothing.
      expect(withdrawn.status).toBe('fulfilled');
      expect(issued.status === 'fulfilled' && issued.value.json<Refusal>().code).toBe('DecisionRefused');
      expect(approved).toHaveLength(0);
    }
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  it('gives two decisions issued at once consecutive numbers', async () => {
    const first = await draft(take(1));
    const second = await draft(take(1));
    const answers = await Promise.all([issue(first), issue(second)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const numbers = answers
      .map((r) => Number(r.json<Decision>().number?.split('/')[0]))
      .sort((x, y) => x - y);
    expect(numbers[1]).toBe((numbers[0] ?? 0) + 1);
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  /**
   * A base union with nothing approved this year, and diplomas waiting for the province for
   * `nonLeaders` of its members who are not leaders and `leaders` who are.
   */
  async function freshUnitNominations(nonLeaders: number, leaders: number): Promise<string[]> {
    const unit = await env.db
      .selectFrom('units')
      .select(['id', 'parent_id'])
      .where('level', '=', 'base')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('award_history')
              .whereRef('award_history.submitting_unit_id', '=', 'units.id')
              .where('award_history.year', '=', 2026)
              .select('award_history.nomination_id'),
          ),
        ),
      )
      .where((eb) => {
        // Registered members of the unit, leaders or not, that no nomination names yet.
        const free = (leader: boolean) =>
          eb
            .selectFrom('members')
            .innerJoin('registrations', 'registrations.member_id', 'members.id')
            .whereRef('members.unit_id', '=', 'units.id')
            .where('members.is_leader', '=', leader)
            .where('registrations.year', '=', 2026)
            .where((e) =>
              e.not(
                e.exists(
                  e
                    .selectFrom('nominations')
                    .whereRef('nominations.nominee_member_id', '=', 'members.id')
                    .select('id'),
                ),
              ),
            )
            .select((e) => e.fn.countAll<number>().as('n'));
        return eb.and([eb(free(true), '>=', leaders), eb(free(false), '>=', nonLeaders)]);
      })
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const pick = (leader: boolean, limit: number) =>
      env.db
        .selectFrom('members')
        .innerJoin('registrations', 'registrations.member_id', 'members.id')
        .select('members.id')
        .where('members.unit_id', '=', unit.id)
        .where('members.is_leader', '=', leader)
        .where('registrations.year', '=', 2026)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('nominations')
                .whereRef('nominations.nominee_member_id', '=', 'members.id')
                .select('id'),
            ),
          ),
        )
        .orderBy('members.id')
        .limit(limit)
        .execute();
    const chosen = [...(await pick(false, nonLeaders)), ...(await pick(true, leaders))];
    expect(chosen).toHaveLength(nonLeaders + leaders);
    const submitter = await officerAtBase(unit.id);
    const ids: string[] = [];
    for (const { id: memberId } of chosen) {
      await givenPastAwards(env.db, memberId, unit.id, 'GK-LDLD', [2024, 2025]);
      const { id } = await nominate(env.deps, submitter, memberId, 'BK-LDLD-TINH');
      await step(env.deps, id, 'submit', { actor: submitter });
      const upper = unit.parent_id ?? '';
      await step(env.deps, id, 'endorse', {
        actor: { id: `officer.${upper}`, role: 'district_officer', unitId: upper },
      });
      ids.push(id);
    }
    return ids;
  }

  it('judges a floor on the batch as a whole: refused when the batch breaks it, never by the order it is listed in', async () => {
    // Two leaders alone would leave their base union with no non-leader commended: the 70% floor needs a recorded
    // override, and without one the whole decision is refused, nothing approved.
    const leadersOnly = await freshUnitNominations(0, 2);
    const refused = await issue(await draft(leadersOnly));
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<Refusal>();
    expect(problem.code).toBe('DecisionRefused');
    expect(problem.refusals.map((r) => r.code)).toContain('QuotaOverrideRequired');
    for (const n of leadersOnly) expect(await eventTypes(env.db, n)).not.toContain('NominationApproved');

    // Three who are not leaders and one who is, listed leader first: 75% once all are in, so the batch keeps the floor.
    const mixed = await freshUnitNominations(3, 1);
    const leaderFirst = [mixed[3] ?? '', ...mixed.slice(0, 3)];
    const issued = await issue(await draft(leaderFirst));
    expect(issued.statusCode).toBe(200);
    expect(issued.json<Decision>().individuals).toBe(4);
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  it('is issued by a decider only, and not with an empty annex', async () => {
    const id = await draft([]);
    const byOfficer = await officerApi.post(`/api/decisions/${id}/issue`);
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json<{ code: string }>().code).toBe('WrongRole');
    const empty = await issue(id);
    expect(empty.statusCode).toBe(409);
    expect(empty.json<{ code: string }>().code).toBe('EmptyDecision');
  });

  it('revokes awards by a decision of its own: numbered in the same series, reasoned, printed, shown to whoever checks', async () => {
    if (fortyDecision === undefined) throw new Error('the decision of forty was not issued');
    const [one, two, three] = fortyDecision.nominationIds.slice(1, 4);
    if (one === undefined || two === undefined || three === undefined) throw new Error('not enough awards');
    const codeOf = async (nominationId: string | null): Promise<string> =>
      (
        await env.db
          .selectFrom('verification_codes')
          .select('code')
          .where('decision_id', '=', fortyDecision?.id ?? '')
          .where((eb) =>
            nominationId === null ? eb('nomination_id', 'is', null) : eb('nomination_id', '=', nominationId),
          )
          .executeTakeFirstOrThrow()
      ).code;
    const publicCheck = async (code: string) =>
      (await app.inject({ method: 'GET', url: `/api/public/verifications/${code}` })).json<{
        award: {
          status: string;
          revoked: { decision: { number: string; kind: string } | null; reason: string };
        };
        listed: { revoked: number };
      }>();
    const latestNumber = async (): Promise<number> =>
      (
        await env.db
          .selectFrom('decision_counters')
          .select('last_sequence')
          .where('unit_id', '=', 'AL')
          .executeTakeFirstOrThrow()
      ).last_sequence;

    // The nomination's "revoke" action: a one-award revocation decision, the next number of the province's series.
    const before = await latestNumber();
    const revoked = await board.post(`/api/nominations/${one}/revoke`, {
      comment: 'Kê khai thành tích không trung thực',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ status: string }>().status).toBe('revoked');
    const event = await env.db
      .selectFrom('nomination_events')
      .select('data')
      .where('nomination_id', '=', one)
      .where('type', '=', 'AwardRevoked')
      .executeTakeFirstOrThrow();
    const data = event.data as {
      revocationDecisionId: string;
      revocationNumber: string;
      decisionNumber: string;
    };
    expect(data.revocationNumber).toBe(`${before + 1}/QĐ-LĐLĐ`);
    expect(data.decisionNumber).toBe(fortyDecision.number);
    await until(`the workflow of ${one} revoked`, async () => (await workflowStatus(one)) === 'revoked');

    // Printed as a decision: the award it revokes named in full, with its own decision, and the reason.
    const revocation = await board.get(`/api/decisions/${data.revocationDecisionId}`);
    expect(revocation.json()).toMatchObject({
      kind: 'revocation',
      status: 'issued',
      number: data.revocationNumber,
      reason: 'Kê khai thành tích không trung thực',
    });
    const paper = (
      await pdfText((await board.get(`/api/decisions/${data.revocationDecisionId}/decision.pdf`)).rawPayload)
    )
      .replace(/\s+/g, ' ')
      // A number may wrap after its slash in a justified line ("1/ QĐ-LĐLĐ" as read back).
      .replace(/\/ /g, '/');
    expect(paper).toContain(`Số: ${data.revocationNumber}`);
    expect(paper).toMatch(
      new RegExp(
        `Điều 1\\. Thu hồi Bằng khen .* tại Quyết định số ${fortyDecision.number} ngày .* Lý do: Kê khai thành tích không trung thực`,
      ),
    );
    expect(paper).toContain('DANH SÁCH KHEN THƯỞNG BỊ THU HỒI');
    // Whoever checks the revoked certificate is told, with the revoking decision; the decision's own code counts it.
    expect(await publicCheck(await codeOf(one))).toMatchObject({
      award: {
        status: 'revoked',
        revoked: {
          decision: { kind: 'revocation', number: data.revocationNumber },
          reason: 'Kê khai thành tích không trung thực',
        },
      },
    });
    expect((await publicCheck(await codeOf(null))).listed.revoked).toBe(1);

    // The same revocation asked twice at once with one Idempotency-Key (a double tap): one decision, one number.
    const [four] = fortyDecision.nominationIds.slice(4, 5);
    if (four === undefined) throw new Error('not enough awards');
    const twice = await Promise.all(
      [1, 2].map(() =>
        board.post(
          `/api/nominations/${four}/revoke`,
          { comment: 'Trùng lặp hồ sơ' },
          { 'idempotency-key': `revoke-${four}` },
        ),
      ),
    );
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await eventTypes(env.db, four)).filter((t) => t === 'AwardRevoked')).toHaveLength(1);
    expect(await latestNumber()).toBe(before + 2);

    // Two at once, by a decision prepared as one: both revoked under its number, the next one.
    const noReason = await officerApi.post('/api/decisions', {
      kind: 'revocation',
      year: 2026,
      title: 'Về việc thu hồi Bằng khen',
      nominationIds: [two, three],
    });
    expect(noReason.statusCode).toBe(201);
    const batchId = noReason.json<{ id: string }>().id;
    const withoutReason = await issue(batchId);
    expect(withoutReason.statusCode).toBe(422);
    expect(withoutReason.json<{ code: string }>().code).toBe('CommentRequired');
    expect(
      (
        await officerApi.request({
          method: 'PATCH',
          url: `/api/decisions/${batchId}`,
          payload: { reason: 'Vi phạm kỷ luật' },
        })
      ).statusCode,
    ).toBe(200);
    const batch = await issue(batchId);
    expect(batch.statusCode).toBe(200);
    expect(batch.json<Decision>().number).toBe(`${before + 3}/QĐ-LĐLĐ`);
    for (const n of [two, three]) expect(await eventTypes(env.db, n)).toContain('AwardRevoked');
    expect((await publicCheck(await codeOf(null))).listed.revoked).toBe(4);

    // A revoked award is in no second revocation; an award that was never approved is in none.
    const again = await officerApi.post('/api/decisions', {
      kind: 'revocation',
      year: 2026,
      title: 'Về việc thu hồi',
      reason: 'x',
      nominationIds: [one, take(1)[0] ?? ''],
    });
    expect(again.statusCode).toBe(422);
    expect(again.json<{ errors: { detail: string }[] }>().errors.map((e) => e.detail)).toEqual([
      expect.stringContaining('already in revocation decision'),
      expect.stringContaining('not an award that stands'),
    ]);
    // The numbers stay gap-free with the revocations in the series, and each annex matches what it revoked.
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });

  it('publishes the honour roll: awards that stand, with their achievement, without the revoked and those kept off', async () => {
    if (fortyDecision === undefined) throw new Error('the decision of forty was not issued');
    interface Roll {
      total: number;
      items: { nomineeName: string; unitName: string; achievement: string; decision: { number: string } }[];
    }
    const roll = async (query = 'year=2026&limit=200') => {
      const answer = await app.inject({ method: 'GET', url: `/api/public/honour-roll?${query}` });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      return answer.json<Roll>();
    };
    const awardees = await env.db
      .selectFrom('nominations as n')
      .innerJoin('units as u', 'u.id', 'n.submitting_unit_id')
      .select([
        'n.id',
        'n.nominee_name',
        'n.nominee_member_id',
        'n.status',
        'u.name as unit_name',
        'u.parent_id',
      ])
      .where('n.id', 'in', fortyDecision.nominationIds)
      .execute();
    const listed = (r: Roll, a: { nominee_name: string; unit_name: string }): boolean =>
      r.items.some((i) => i.nomineeName === a.nominee_name && i.unitName === a.unit_name);

    const before = await roll();
    const revoked = awardees.filter((a) => a.status === 'revoked');
    expect(revoked).toHaveLength(4);
    for (const a of revoked) expect(listed(before, a)).toBe(false);
    const standing = awardees.filter((a) => a.status === 'approved');
    for (const a of standing) expect(listed(before, a)).toBe(true);
    for (const item of before.items) expect(item.achievement.length).toBeGreaterThan(0);
    expect(before.items.filter((i) => i.decision.number === fortyDecision?.number)).toHaveLength(36);

    // A member of the district's base unions asks to be kept off: their district's officer records it.
    const member = standing.find((a) => a.parent_id === 'AL-H01');
    if (member?.nominee_member_id == null) throw new Error('no award of AL-H01 in the decision');
    const districtOfficer = await as(app, 'h01.canbo');
    const consentUrl = `/api/members/${member.nominee_member_id}/honour-roll`;
    const keptOff = await districtOfficer.request({
      method: 'PUT',
      url: consentUrl,
      payload: { listed: false },
    });
    expect(keptOff.statusCode).toBe(200);
    expect(keptOff.json()).toMatchObject({ listed: false, changedBy: 'h01.canbo' });
    const after = await roll();
    expect(listed(after, member)).toBe(false);
    expect(after.total).toBe(before.total - 1);
    // Auditors read, they do not keep members' records; another district's officer does not see the member.
    const auditor = await as(app, 'tinh.kiemtra');
    expect(
      (await auditor.request({ method: 'PUT', url: consentUrl, payload: { listed: true } })).statusCode,
    ).toBe(403);
    const otherDistrict = await as(app, 'h02.canbo');
    expect(
      (await otherDistrict.request({ method: 'PUT', url: consentUrl, payload: { listed: true } })).statusCode,
    ).toBe(404);
    // Asked again, listed again.
    await districtOfficer.request({ method: 'PUT', url: consentUrl, payload: { listed: true } });
    expect(listed(await roll(), member)).toBe(true);
    // Narrowed to one district's units: theirs, all of theirs, and only theirs.
    const h02Units = new Set(
      (await env.db.selectFrom('units').select('name').where('parent_id', '=', 'AL-H02').execute()).map(
        (u) => u.name,
      ),
    );
    const district = await roll('year=2026&unitId=AL-H02&limit=200');
    expect(district.total).toBeGreaterThan(0);
    expect(district.items.every((i) => h02Units.has(i.unitName))).toBe(true);
    expect(district.total).toBe((await roll()).items.filter((i) => h02Units.has(i.unitName)).length);
    expect((await roll('year=2000')).total).toBe(0);

    // The list a federation's website frames: any site may frame it; every other page stays unframable.
    const embed = await app.inject({ method: 'GET', url: '/vinh-danh/nhung?year=2026' });
    expect(embed.statusCode).toBe(200);
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const page = await app.inject({ method: 'GET', url: '/vinh-danh' });
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
