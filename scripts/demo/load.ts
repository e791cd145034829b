import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { defaultQuotaRules } from '../../domain/quota.js';
import { demoAwardForms } from './award-forms.js';
import { generateProvince, type DemoAccount, type ProvinceOptions } from './province.js';

const DEMO_FACT = 'demo_data';

export interface DemoLoadResult {
  loaded: boolean;
  units: number;
  members: number;
  accounts: DemoAccount[];
}

/**
 * Loads the demo province once: a second call finds the fact it left and does nothing. All in one
 * transaction, so a start interrupted half-way leaves nothing half-loaded.
 */
export async function loadDemoData(
  db: Kysely<Database>,
  options: Pick<ProvinceOptions, 'scale' | 'basesPerUpper'> = {},
): Promise<DemoLoadResult> {
  const province = generateProvince({ scale: options.scale ?? 1, basesPerUpper: options.basesPerUpper });
  const already = await db
    .selectFrom('installation_facts')
    .select('value')
    .where('key', '=', DEMO_FACT)
    .executeTakeFirst();
  if (already !== undefined) {
    return { loaded: false, units: 0, members: 0, accounts: province.accounts };
  }
  const accounts = await Promise.all(
    province.accounts.map(async (a) => ({ ...a, passwordHash: await hash(a.password) })),
  );

  await db.transaction().execute(async (trx) => {
    // Parents before children: the generator lists units top-down.
    for (const chunk of chunks(province.units, 500)) {
      await trx
        .insertInto('units')
        .values(
          chunk.map((u) => ({
            id: u.id,
            parent_id: u.parentId,
            name: u.name,
            level: u.level,
            block: u.block,
            decision_suffix: u.decisionSuffix,
          })),
        )
        .execute();
    }
    for (const chunk of chunks(province.members, 1000)) {
      await trx
        .insertInto('members')
        .values(
          chunk.map((m) => ({
            id: m.id,
            unit_id: m.unitId,
            full_name: m.fullName,
            gender: m.gender,
            birth_year: m.birthYear,
            position: m.position,
            is_leader: m.isLeader,
            is_direct_worker: m.isDirectWorker,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('award_forms')
      .values(
        demoAwardForms.map((f) => ({
          code: f.code,
          name: f.name,
          subject: f.subject,
          deciding_level: f.decidingLevel,
          required_documents: JSON.stringify(f.requiredDocuments),
          vote_threshold: f.voteThreshold,
          fast_track: f.fastTrack,
          eligibility: JSON.stringify(f.eligibility),
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    // Each deciding unit's drafts start with the bases and recipients its decisions always carry; the provincial
    // diploma adds the province's own regulation.
    await trx
      .insertInto('decision_defaults')
      .values([
        ...province.units
          .filter((u) => u.level === 'province' || u.level === 'district' || u.level === 'sector')
          .map((u) => ({
            unit_id: u.id,
            form_code: null,
            bases: JSON.stringify([
              'Căn cứ Điều lệ Công đoàn Việt Nam;',
              'Căn cứ Quy chế khen thưởng của Tổng Liên đoàn Lao động Việt Nam;',
              `Xét đề nghị của Ban Tổ chức ${u.name},`,
            ]),
            recipients: JSON.stringify(['Như Điều 3;', 'Lưu: VT, Ban Tổ chức.']),
            signer_title: 'CHỦ TỊCH',
            signer_capacity: 'TM. BAN THƯỜNG VỤ',
            updated_by: 'demo',
          })),
        ...province.units
          .filter((u) => u.level === 'province')
          .map((u) => ({
            unit_id: u.id,
            form_code: 'BK-LDLD-TINH',
            bases: JSON.stringify([`Căn cứ Quy định về công tác thi đua, khen thưởng của ${u.name};`]),
            updated_by: 'demo',
          })),
      ])
      .execute();
    await trx
      .insertInto('award_form_bonuses')
      .values(
        demoAwardForms.map((f) => ({
          form_code: f.code,
          effective_from: '2020-01-01',
          individual_multiple: f.bonus.individual,
          collective_multiple: f.bonus.collective,
          source: 'Số liệu mẫu (demo)',
        })),
      )
      .onConflict((oc) => oc.columns(['form_code', 'effective_from']).doNothing())
      .execute();
    const accountIds = await trx
      .insertInto('accounts')
      .values(
        accounts.map((a) => ({
          username: a.username,
          password_hash: a.passwordHash,
          display_name: a.displayName,
          role: a.role,
          unit_id: a.unitId,
          email: `${a.username}@an-lac.demo`,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    const accountOf = new Map(accountIds.map((a) => [a.username, a.id]));
    if (province.trainings.length > 0)
      await trx
        .insertInto('officer_trainings')
        .values(
          province.trainings.flatMap((t) => {
            const accountId = accountOf.get(t.username);
            return accountId === undefined
              ? []
              : [
                  {
                    account_id: accountId,
                    year: t.year,
                    course: t.course,
                    held_on: t.heldOn,
                    recorded_by: t.recordedBy,
                  },
                ];
          }),
        )
        .execute();
    await trx
      .insertInto('quota_rules')
      .values(defaultQuotaRules.map((rule) => ({ id: rule.id, rule: JSON.stringify(rule) })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // Most members and every base union registered for the movement (đăng ký thi đua) in the demo years.
    for (const year of province.registrationYears) {
      for (const chunk of chunks(province.registeredMembers(year), 1000)) {
        await trx
          .insertInto('registrations')
          .values(chunk.map((m) => ({ year, unit_id: m.unitId, member_id: m.id })))
          .execute();
      }
      for (const chunk of chunks(
        province.units.filter((u) => u.level === 'base'),
        1000,
      )) {
        await trx
          .insertInto('registrations')
          .values(chunk.map((u) => ({ year, unit_id: u.id, member_id: null })))
          .execute();
      }
    }
    await trx
      .insertInto('installation_facts')
      .values({
        key: DEMO_FACT,
        value: JSON.stringify({
          scale: options.scale ?? 1,
          basesPerUpper: options.basesPerUpper ?? null,
          loadedAt: new Date().toISOString(),
        }),
      })
      .execute();
  });
  return {
    loaded: true,
    units: province.units.length,
    members: province.members.length,
    accounts: province.accounts,
  };
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
