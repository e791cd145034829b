/**
 * Reads the figures each quota rule's scope has now, inside a transaction that holds the scope's lock, so that
 * concurrent approvals in one scope are counted one after another and a cap is never exceeded.
 */
import { sql, type Transaction } from 'kysely';
import { decidingStep, type ExistingNomination } from '../domain/nomination/state.js';
import {
  combineFindings,
  evaluateRule,
  ruleApplies,
  type QuotaCategory,
  type QuotaOutcome,
  type QuotaRule,
  type ScopeFigures,
} from '../domain/quota.js';
import type { Database } from '../db/schema.js';

function scopeKey(rule: QuotaRule, state: ExistingNomination): string {
  const decider = decidingStep(state).unitId;
  switch (rule.scope) {
    case 'decidingUnitYear':
      return `decider:${decider}:${state.year}`;
    case 'submittingUnitYear':
      return `submitter:${state.submittingUnitId}:${state.year}`;
    case 'decidingUnitYearForm':
      return `decider:${decider}:${state.year}:form:${state.form.code}`;
    case 'decidingUnitYearTheme':
      return `decider:${decider}:${state.year}:theme:${state.dossier.theme ?? ''}`;
  }
}

async function figuresFor(
  trx: Transaction<Database>,
  rule: QuotaRule,
  state: ExistingNomination,
  nominationId: string,
): Promise<ScopeFigures> {
  const decider = decidingStep(state).unitId;
  let query = trx
    .selectFrom('award_history')
    .where('revoked_at', 'is', null)
    .where('year', '=', state.year)
    .where('nomination_id', '!=', nominationId);
  switch (rule.scope) {
    case 'decidingUnitYear':
      query = query.where('deciding_unit_id', '=', decider);
      break;
    case 'submittingUnitYear':
      query = query.where('submitting_unit_id', '=', state.submittingUnitId);
      break;
    case 'decidingUnitYearForm':
      query = query.where('deciding_unit_id', '=', decider).where('form_code', '=', state.form.code);
      break;
    case 'decidingUnitYearTheme':
      query = query
        .where('deciding_unit_id', '=', decider)
        .where('theme', 'is not distinct from', state.dossier.theme);
      break;
  }
  if (rule.kind !== 'maxCount') query = query.where('nominee_kind', '=', 'individual');
  if (rule.appliesTo?.forms !== undefined) query = query.where('form_code', 'in', rule.appliesTo.forms);
  const category: QuotaCategory | null = rule.kind === 'maxCount' ? null : rule.category;
  const row = await query
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      category === 'directWorker'
        ? sql<string>`count(*) filter (where is_direct_worker or not is_leader)`.as('in_category')
        : category === 'nonLeader'
          ? sql<string>`count(*) filter (where not is_leader)`.as('in_category')
          : eb.fn.countAll<string>().as('in_category'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), inCategory: Number(row.in_category) };
}

export async function activeQuotaRules(trx: Transaction<Database>): Promise<QuotaRule[]> {
  const rows = await trx
    .selectFrom('quota_rules')
    .select('rule')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.rule as QuotaRule);
}

/**
 * Evaluates every applicable rule for approving the nomination now. With `lock`, takes each scope's lock first (in a
 * fixed order, so two approvals never wait on each other crosswise): the figures then stay true until the commit.
 */
export async function checkQuotasIn(
  trx: Transaction<Database>,
  nominationId: string,
  state: ExistingNomination,
  options: { lock: boolean },
): Promise<QuotaOutcome> {
  const rules = await activeQuotaRules(trx);
  const submitting = state.route[0]?.level ?? 'base';
  const applicable = rules.filter((rule) =>
    ruleApplies(rule, {
      nominee: state.nominee,
      decidingLevel: state.form.decidingLevel,
      submittingLevel: submitting,
      formCode: state.form.code,
    }),
  );
  const keyed = applicable.map((rule) => ({ rule, key: scopeKey(rule, state) }));
  if (options.lock) {
    for (const key of [...new Set(keyed.map((k) => k.key))].sort()) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${'quota:' + key}, 0))`.execute(trx);
    }
  }
  const findings = [];
  for (const { rule, key } of keyed) {
    findings.push(evaluateRule(rule, key, state.nominee, await figuresFor(trx, rule, state, nominationId)));
  }
  return combineFindings(findings);
}
