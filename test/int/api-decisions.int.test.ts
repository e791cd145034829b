import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import type { Actor } from '../../domain/nomination/events.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, nominate, officer, step } from '../support/nominations.js';
import { loadFixtureProvince } from '../support/province.js';

interface Decision {
  id: string;
  status: string;
  number: string | null;
  version: number;
  title: string;
  individuals: number;
  collectives: number;
  issuingUnitName: string;
  bases: string[];
  recipients: string[];
  signer: { name: string | null; title: string | null; capacity: string | null };
  annex: { formCode: string; entries: { nominationId: string; nomineeName: string }[] }[];
}

const listed = (d: Decision): string[] => d.annex.flatMap((g) => g.entries.map((e) => e.nominationId)).sort();

// A deciding unit's draft decisions over the real API, worker, Temporal and PostgreSQL: which nominations an annex may
// hold, all-or-nothing additions, one decision per nomination even when two drafts race for it, and who may do what.
describe('draft decisions', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let province: ApiClient;
  /** Five provincial diplomas waiting for the province's decision, and a certificate the district decides. */
  const diplomas: string[] = [];
  let certificate = '';

  beforeAll(async () => {
    env = await createTestEnvironment('decisions');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    const base: Actor = await officer(env.db, 'cs.h01.canbo');
    const district: Actor = await officer(env.db, 'h01.canbo');
    const members = await eligibleForDiploma(env.db, { limit: 6 });
    for (const memberId of members.slice(0, 5)) {
      const { id } = await nominate(env.deps, base, memberId, 'BK-LDLD-TINH');
      await step(env.deps, id, 'submit', { actor: base });
      await step(env.deps, id, 'endorse', { actor: district });
      diplomas.push(id);
    }
    const { id } = await nominate(env.deps, base, members[5] ?? '', 'GK-LDLD');
    await step(env.deps, id, 'submit', { actor: base });
    certificate = id;
    province = await as(app, 'tinh.canbo');
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const prepare = (client: ApiClient, nominationIds: string[]) =>
    client.post('/api/decisions', {
      year: 2026,
      title: 'Về việc khen thưởng thành tích xuất sắc năm 2026',
      bases: ['Căn cứ Điều lệ Công đoàn Việt Nam;', 'Xét đề nghị của Ban Công tác cơ sở,'],
      recipients: ['Như Điều 3;', 'Lưu VT.'],
      signer: { name: 'Trần Văn Quang', title: 'CHỦ TỊCH', capacity: 'TM. BAN THƯỜNG VỤ' },
      nominationIds,
    });

  it('lists what waits for the unit’s decision, and a draft takes it into its annex, grouped by form', async () => {
    const awaiting = (await province.get('/api/decisions/awaiting?year=2026')).json<{
      items: { nominationId: string; formCode: string }[];
    }>();
    expect(awaiting.items.map((i) => i.nominationId).sort()).toEqual([...diplomas].sort());
    expect(awaiting.items.every((i) => i.formCode === 'BK-LDLD-TINH')).toBe(true);

    const created = await prepare(province, diplomas.slice(0, 2));
    expect(created.statusCode).toBe(201);
    const draft = created.json<Decision>();
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      individuals: 2,
      collectives: 0,
      issuingUnitName: expect.stringContaining('An Lạc') as unknown as string,
      bases: ['Căn cứ Điều lệ Công đoàn Việt Nam;', 'Xét đề nghị của Ban Công tác cơ sở,'],
      signer: { name: 'Trần Văn Quang', title: 'CHỦ TỊCH', capacity: 'TM. BAN THƯỜNG VỤ' },
    });
    expect(draft.annex.map((g) => g.formCode)).toEqual(['BK-LDLD-TINH']);
    expect(listed(draft)).toEqual(diplomas.slice(0, 2).sort());

    // What is in a draft no longer waits to be taken.
    const still = (await province.get('/api/decisions/awaiting')).json<{
      items: { nominationId: string }[];
    }>();
    expect(still.items.map((i) => i.nominationId).sort()).toEqual(diplomas.slice(2).sort());

    const read = (await province.get(`/api/decisions/${draft.id}`)).json<Decision>();
    expect(listed(read)).toEqual(listed(draft));
    const list = (await province.get('/api/decisions?year=2026&status=draft')).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((d) => d.id)).toContain(draft.id);
  });

  it('adds all the nominations asked or none, naming each one refused', async () => {
    const draft = (await prepare(province, [])).json<Decision>();
    const refused = await province.post(`/api/decisions/${draft.id}/annex`, {
      nominationIds: [diplomas[2], certificate, 'nom-does-not-exist'],
    });
    expect(refused.statusCode).toBe(422);
    const problem = refused.json<{ code: string; errors: { pointer: string; detail: string }[] }>();
    expect(problem.code).toBe('InvalidReference');
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/body/nominationIds/1', '/body/nominationIds/2']);
    expect(problem.errors[0]?.detail).toContain('does not wait for this unit');
    expect(listed((await province.get(`/api/decisions/${draft.id}`)).json<Decision>())).toEqual([]);

    const added = await province.post(`/api/decisions/${draft.id}/annex`, { nominationIds: [diplomas[2]] });
    expect(added.statusCode).toBe(200);
    expect(listed(added.json<Decision>())).toEqual([diplomas[2]]);
    expect(added.json<Decision>().version).toBe(draft.version + 1);
    // Listing it again changes nothing.
    const again = await province.post(`/api/decisions/${draft.id}/annex`, { nominationIds: [diplomas[2]] });
    expect(listed(again.json<Decision>())).toEqual([diplomas[2]]);

    // One decision per nomination: another draft cannot take it.
    const other = await prepare(province, [diplomas[2] ?? '']);
    expect(other.statusCode).toBe(422);
    expect(other.json<{ errors: { detail: string }[] }>().errors[0]?.detail).toContain(
      `already in decision ${draft.id}`,
    );

    // Taken off, it waits again.
    const removed = await province.request({
      method: 'DELETE',
      url: `/api/decisions/${draft.id}/annex/${diplomas[2]}`,
    });
    expect(removed.statusCode).toBe(200);
    expect(listed(removed.json<Decision>())).toEqual([]);
    const awaiting = (await province.get('/api/decisions/awaiting')).json<{
      items: { nominationId: string }[];
    }>();
    expect(awaiting.items.map((i) => i.nominationId)).toContain(diplomas[2]);

    const edited = await province.request({
      method: 'PATCH',
      url: `/api/decisions/${draft.id}`,
      payload: { title: 'Về việc khen thưởng phong trào thi đua năm 2026', recipients: ['Lưu VT.'] },
    });
    expect(edited.statusCode).toBe(200);
    // An empty edit changes no text (schemathesis found it answered 500).
    const empty = await province.request({ method: 'PATCH', url: `/api/decisions/${draft.id}`, payload: {} });
    expect(empty.statusCode).toBe(200);
    expect(empty.json<Decision>().title).toBe('Về việc khen thưởng phong trào thi đua năm 2026');
    expect(edited.json<Decision>()).toMatchObject({
      title: 'Về việc khen thưởng phong trào thi đua năm 2026',
      recipients: ['Lưu VT.'],
      bases: ['Căn cứ Điều lệ Công đoàn Việt Nam;', 'Xét đề nghị của Ban Công tác cơ sở,'],
    });
  });

  it('gives a nomination to exactly one of two drafts that race for it', async () => {
    const contested = diplomas[3] ?? '';
    const [a, b] = await Promise.all([prepare(province, [contested]), prepare(province, [contested])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    const owners = await env.db
      .selectFrom('decision_annex')
      .select('decision_id')
      .where('nomination_id', '=', contested)
      .execute();
    expect(owners).toHaveLength(1);
  });

  it('lets only the deciding unit’s officers and deciders prepare, and shows a decision to its subtree only', async () => {
    const draft = (await prepare(province, [])).json<Decision>();
    const base = await as(app, 'cs.h01.canbo');
    expect((await prepare(base, [])).json<{ code: string }>().code).toBe('WrongRole');
    const auditor = await as(app, 'tinh.kiemtra');
    const refused = await prepare(auditor, []);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('ReadOnly');
    expect((await auditor.get(`/api/decisions/${draft.id}`)).statusCode).toBe(200);

    // The district sees nothing of the province's decisions, and cannot change them.
    const district = await as(app, 'h01.canbo');
    expect((await district.get(`/api/decisions/${draft.id}`)).statusCode).toBe(404);
    const change = await district.post(`/api/decisions/${draft.id}/annex`, { nominationIds: [certificate] });
    expect(change.statusCode).toBe(404);
    // …and its own awaiting list holds the certificate it decides.
    const awaiting = (await district.get('/api/decisions/awaiting')).json<{
      items: { nominationId: string }[];
    }>();
    expect(awaiting.items.map((i) => i.nominationId)).toEqual([certificate]);
  });

  it('refuses to change an issued decision', async () => {
    const draft = (await prepare(province, [])).json<Decision>();
    // Issuing is the next step of the feature; here the record is marked issued as the issuing will leave it.
    await env.db
      .updateTable('decision_records')
      .set({ status: 'issued', sequence: 99, number: '99/QĐ-LĐLĐ', issued_at: new Date() })
      .where('id', '=', draft.id)
      .execute();
    const refused = await province.request({
      method: 'PATCH',
      url: `/api/decisions/${draft.id}`,
      payload: { title: 'Sửa sau khi ban hành' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string; detail: string }>()).toMatchObject({ code: 'DecisionIssued' });
    expect(refused.json<{ detail: string }>().detail).toContain('99/QĐ-LĐLĐ');
  });

  it('starts a draft from the unit’s defaults, its own then its forms’, and lets its officers change them', async () => {
    const officerDefaults = (await province.get('/api/decision-defaults')).json<{
      items: { formCode: string | null; bases: string[] }[];
    }>();
    // The demo's: the province's own, and the provincial diploma's.
    expect(officerDefaults.items.map((d) => d.formCode)).toEqual([null, 'BK-LDLD-TINH']);
    const set = await province.request({
      method: 'PUT',
      url: '/api/decision-defaults',
      payload: {
        formCode: null,
        bases: ['Căn cứ Điều lệ Công đoàn Việt Nam;', 'Căn cứ Nghị quyết số 01 của Ban Chấp hành;'],
        recipients: ['Như Điều 3;', 'Lưu: VT.'],
        signer: { name: 'Trần Văn Quang', title: 'CHỦ TỊCH', capacity: 'TM. BAN THƯỜNG VỤ' },
      },
    });
    expect(set.statusCode).toBe(200);

    // Left out of the request, they come from the defaults: the unit's, then the diploma's; a null is kept blank.
    const waiting = (await province.get('/api/decisions/awaiting?year=2026')).json<{
      items: { nominationId: string }[];
    }>();
    const created = await province.post('/api/decisions', {
      year: 2026,
      title: 'Về việc khen thưởng',
      signer: { name: null },
      nominationIds: waiting.items.slice(0, 1).map((i) => i.nominationId),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      bases: [
        'Căn cứ Điều lệ Công đoàn Việt Nam;',
        'Căn cứ Nghị quyết số 01 của Ban Chấp hành;',
        'Căn cứ Quy định về công tác thi đua, khen thưởng của Liên đoàn Lao động tỉnh An Lạc;',
      ],
      recipients: ['Như Điều 3;', 'Lưu: VT.'],
      signer: { name: null, title: 'CHỦ TỊCH', capacity: 'TM. BAN THƯỜNG VỤ' },
    });
    // With no diploma listed, the unit's own only.
    const empty = (
      await province.post('/api/decisions', { year: 2026, title: 'Về việc khen thưởng', nominationIds: [] })
    ).json<{ bases: string[] }>();
    expect(empty.bases).toEqual([
      'Căn cứ Điều lệ Công đoàn Việt Nam;',
      'Căn cứ Nghị quyết số 01 của Ban Chấp hành;',
    ]);

    // Two officers saving at once: both are answered, and one of the two texts stands, whole.
    const save = (basis: string) =>
      province.request({
        method: 'PUT',
        url: '/api/decision-defaults',
        payload: {
          formCode: null,
          bases: [basis],
          recipients: [],
          signer: { name: null, title: null, capacity: null },
        },
      });
    const raced = await Promise.all([save('Căn cứ X;'), save('Căn cứ Y;'), save('Căn cứ Z;')]);
    expect(raced.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const standing = (await province.get('/api/decision-defaults')).json<{
      items: { formCode: string | null; bases: string[] }[];
    }>();
    expect(standing.items.filter((d) => d.formCode === null)).toHaveLength(1);
    expect(['Căn cứ X;', 'Căn cứ Y;', 'Căn cứ Z;']).toContain(standing.items[0]?.bases[0]);

    // An unknown form is named, not a fault; a base union keeps no decisions' defaults.
    const unknown = await province.request({
      method: 'PUT',
      url: '/api/decision-defaults',
      payload: {
        formCode: 'KHONG-CO',
        bases: [],
        recipients: [],
        signer: { name: null, title: null, capacity: null },
      },
    });
    expect(unknown.statusCode).toBe(422);
    const base = await as(app, 'cs.h01.canbo');
    expect((await base.get('/api/decision-defaults')).statusCode).toBe(403);
  });
});
