/**
 * The one reader of quota figures. The approval (under the scopes' locks, inside its transaction), the inbox's "what
 * approving would do" and `GET /api/quotas` all count through `readScopeFigures`, so an officer is shown the figures
 * the approval will judge. It counts in SQL what `figuresByScope` (domain/quota.ts) counts in memory: the awards a
 * rule applies to, in the rule's scope, standing at the moment asked.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadNomination } from '../db/event-store.js';
import { decidingStep, type ExistingNomination } from '../domain/nomination/state.js';
import {
  combineFindings,
  evaluateRule,
  ruleApplies,
  scopeKeyOf,
  type QuotaFinding,
  type QuotaOutcome,
  type QuotaPlace,
  type QuotaRule,
  type QuotaScope,
  type ScopeFigures,
} from '../domain/quota.js';
import type { UnitLevel } from '../domain/organisation.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { nominationInView, unitInView } from './visibility.js';

/** Which scopes to count: a unit and a year, narrowed (for a per-form or per-theme rule) to one form or theme. */
export interface ScopeSelector {
  /** The deciding unit; the submitting unit for a rule counted per submitting unit. */
  unitId: string;
  year: number;
  formCode?: string;
  /** Set (null for "no theme") to count one theme only. */
  theme?: string | null;
}

export interface ScopeReading {
  scopeKey: string;
  /** The form a per-form scope counts; null for other scopes. */
  formCode: string | null;
  /** The theme a per-theme scope counts (null for "no theme" there, and for other scopes). */
  theme: string | null;
  figures: ScopeFigures;
}

const perForm = (scope: QuotaScope) => scope === 'decidingUnitYearForm';
const perTheme = (scope: QuotaScope) => scope === 'decidingUnitYearTheme';
const emptyList = (list: string[] | undefined) => list !== undefined && list.length === 0;

/**
 * The figures of each of `rule`'s scopes that `selector` names and that has awards: the awards standing at `asOf` (now
 * when absent), besides the one of `excludeNominationId` (an approval does not count itself).
 */
export async function readScopeFigures(
  db: Kysely<Database>,
  rule: QuotaRule,
  selector: ScopeSelector,
  reading: { asOf?: Date | null; excludeNominationId?: string } = {},
): Promise<ScopeReading[]> {
  const a = rule.appliesTo;
  // An empty list admits nothing (and `in ()` is no SQL).
  if (emptyList(a?.forms) || emptyList(a?.decidingLevels) || emptyList(a?.submittingLevels)) return [];
  const at = reading.asOf ?? null;
  let query = db
    .selectFrom('award_history')
    .where('year', '=', selector.year)
    .where(
      rule.scope === 'submittingUnitYear' ? 'submitting_unit_id' : 'deciding_unit_id',
      '=',
      selector.unitId,
    );
  query =
    at === null
      ? query.where('revoked_at', 'is', null)
      : query
          .where('approved_at', '<=', at)
          .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', at)]));
  if (reading.excludeNominationId !== undefined)
    query = query.where('nomination_id', '!=', reading.excludeNominationId);
  if (perForm(rule.scope) && selector.formCode !== undefined)
    query = query.where('form_code', '=', selector.formCode);
  if (perTheme(rule.scope) && selector.theme !== undefined)
    query = query.where('theme', 'is not distinct from', selector.theme);
  // What the rule applies to (ruleApplies): individuals for shares, and its forms and levels.
  if (rule.kind !== 'maxCount') query = query.where('nominee_kind', '=', 'individual');
  if (a?.forms !== undefined) query = query.where('form_code', 'in', a.forms);
  if (a?.decidingLevels !== undefined) query = query.where('deciding_level', 'in', a.decidingLevels);
  const submittingLevels = a?.submittingLevels;
  if (submittingLevels !== undefined)
    query = query.where('submitting_unit_id', 'in', (eb) =>
      eb
        .selectFrom('units')
        .select('id')
        .where('level', 'in', submittingLevels as UnitLevel[]),
    );
  const inCategory =
    rule.kind === 'maxCount'
      ? sql<string>`count(*)`
      : rule.category === 'nonLeader'
        ? sql<string>`count(*) filter (where not is_leader)`
        : sql<string>`count(*) filter (where is_direct_worker or not is_leader)`;
  const rows = await query
    .select((eb) => [
      perForm(rule.scope) ? eb.ref('form_code').as('form_code') : sql<null>`null`.as('form_code'),
      perTheme(rule.scope) ? eb.ref('theme').as('theme') : sql<null>`null`.as('theme'),
      eb.fn.countAll<string>().as('total'),
      inCategory.as('in_category'),
    ])
    .$if(perForm(rule.scope), (q) => q.groupBy('form_code'))
    .$if(perTheme(rule.scope), (q) => q.groupBy('theme'))
    .execute();
  return rows
    .filter((row) => Number(row.total) > 0)
    .map((row) => {
      const place: QuotaPlace = {
        decidingUnitId: selector.unitId,
        submittingUnitId: selector.unitId,
        year: selector.year,
        formCode: row.form_code ?? '',
        theme: row.theme,
      };
      return {
        scopeKey: scopeKeyOf(rule.scope, place),
        formCode: row.form_code,
        theme: row.theme,
        figures: { total: Number(row.total), inCategory: Number(row.in_category) },
      };
    });
}

export async function activeQuotaRules(db: Kysely<Database>): Promise<QuotaRule[]> {
  const rows = await db
    .selectFrom('quota_rules')
    .select('rule')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.rule as QuotaRule);
}

/** Where approving the nomination would put it. */
function placeOf(state: ExistingNomination): QuotaPlace {
  return {
    decidingUnitId: decidingStep(state).unitId,
    submittingUnitId: state.submittingUnitId,
    year: state.year,
    formCode: state.form.code,
    theme: state.dossier.theme,
  };
}

/**
 * Evaluates every applicable rule for approving the nomination now. With `lock` (inside the approval's transaction),
 * takes each scope's lock first, in a fixed order so that two approvals never wait on each other crosswise: the
 * figures then stay true until the commit, and concurrent approvals in one scope are counted one after another.
 */
export async function checkQuotasIn(
  trx: Kysely<Database>,
  nominationId: string,
  state: ExistingNomination,
  options: { lock: boolean },
): Promise<QuotaOutcome> {
  const rules = await activeQuotaRules(trx);
  const place = placeOf(state);
  const applicable = rules.filter((rule) =>
    ruleApplies(rule, {
      nominee: state.nominee,
      decidingLevel: state.form.decidingLevel,
      submittingLevel: state.route[0]?.level ?? 'base',
      formCode: state.form.code,
    }),
  );
  const keyed = applicable.map((rule) => ({ rule, key: scopeKeyOf(rule.scope, place) }));
  if (options.lock) {
    for (const key of [...new Set(keyed.map((k) => k.key))].sort()) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${'quota:' + key}, 0))`.execute(trx);
    }
  }
  const findings = [];
  for (const { rule, key } of keyed) {
    const selector: ScopeSelector = {
      unitId: rule.scope === 'submittingUnitYear' ? place.submittingUnitId : place.decidingUnitId,
      year: place.year,
      formCode: place.formCode,
      theme: place.theme,
    };
    const readings = await readScopeFigures(trx, rule, selector, { excludeNominationId: nominationId });
    const before = readings.find((r) => r.scopeKey === key)?.figures ?? { total: 0, inCategory: 0 };
    findings.push(evaluateRule(rule, key, state.nominee, before));
  }
  return combineFindings(findings);
}

const percent = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** "approving keeps the direct-worker share at 17%, floor 15%" */
export function describeFinding(f: QuotaFinding): string {
  if (f.kind === 'maxCount') {
    return f.outcome === 'ok'
      ? `approving makes ${f.after.total} of at most ${f.limit}`
      : `approving would make ${f.after.total}, over the limit of ${f.limit}`;
  }
  const share = percent(f.shareAfter ?? 0);
  const limit = percent(f.limit);
  if (f.kind === 'minShare') {
    return f.outcome === 'ok'
      ? `approving keeps the share at ${share}, floor ${limit}`
      : `approving brings the share to ${share}, under the floor of ${limit}`;
  }
  return f.outcome === 'ok'
    ? `approving keeps the share at ${share}, ceiling ${limit}`
    : `approving brings the share to ${share}, over the ceiling of ${limit}`;
}

export type DescribedFinding = QuotaFinding & { text: string };
export interface QuotaEffect {
  outcome: QuotaOutcome['outcome'];
  findings: DescribedFinding[];
}

/** What approving the nomination now would do to each quota; null unless it waits for a decision. */
export async function quotaEffect(db: Kysely<Database>, nominationId: string): Promise<QuotaEffect | null> {
  return db.transaction().execute(async (trx) => {
    const { state } = await loadNomination(trx, nominationId);
    if (state.status !== 'inReview') return null;
    const outcome = await checkQuotasIn(trx, nominationId, state, { lock: false });
    return {
      outcome: outcome.outcome,
      findings: outcome.findings.map((f) => ({ ...f, text: `${f.description}: ${describeFinding(f)}` })),
    };
  });
}

/** One rule's figures in one of its scopes. */
export interface RuleFigures {
  ruleId: string;
  kind: QuotaRule['kind'];
  description: string;
  scope: QuotaScope;
  scopeKey: string;
  formCode: string | null;
  theme: string | null;
  enforcement: QuotaRule['enforcement'];
  limit: number;
  total: number;
  inCategory: number;
  share: number | null;
}

export interface QuotaFiguresQuery {
  unitId: string;
  year: number;
  nominationId?: string;
  asOf?: Date;
}

/**
 * Each active rule's figures for a unit and year (as they stood at `asOf`), a row per scope: one for a rule counted
 * per unit, one per form (each form it names, counted or not) or per theme with awards for the others; with a
 * nomination, what approving it would do. Both the unit and the nomination must be in the viewer's subtree.
 */
export async function quotaFigures(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  query: QuotaFiguresQuery,
): Promise<{ unitId: string; year: number; rules: RuleFigures[]; effect: QuotaEffect | null }> {
  const { db } = deps;
  const { unitId, year, nominationId } = query;
  await unitInView(db, viewer, unitId);
  const rules: RuleFigures[] = [];
  for (const rule of await activeQuotaRules(db)) {
    const readings = await readScopeFigures(db, rule, { unitId, year }, { asOf: query.asOf ?? null });
    for (const reading of withEmptyScopes(rule, { unitId, year }, readings)) {
      const { total, inCategory } = reading.figures;
      rules.push({
        ruleId: rule.id,
        kind: rule.kind,
        description: rule.description,
        scope: rule.scope,
        scopeKey: reading.scopeKey,
        formCode: reading.formCode,
        theme: reading.theme,
        enforcement: rule.enforcement,
        limit: rule.kind === 'maxCount' ? rule.count : rule.share,
        total,
        inCategory,
        share: rule.kind === 'maxCount' || total === 0 ? null : inCategory / total,
      });
    }
  }
  let effect = null;
  if (nominationId !== undefined) {
    await nominationInView(db, viewer, nominationId);
    effect = await quotaEffect(db, nominationId);
  }
  return { unitId, year, rules, effect };
}

/** The scopes an officer should see at zero too: the unit's own, and each form a per-form rule names. */
function withEmptyScopes(
  rule: QuotaRule,
  selector: { unitId: string; year: number },
  readings: ScopeReading[],
): ScopeReading[] {
  const zero = { total: 0, inCategory: 0 };
  const at = (formCode: string): QuotaPlace => ({
    decidingUnitId: selector.unitId,
    submittingUnitId: selector.unitId,
    year: selector.year,
    formCode,
    theme: null,
  });
  if (perTheme(rule.scope)) return readings;
  if (!perForm(rule.scope))
    return readings.length > 0
      ? readings
      : [{ scopeKey: scopeKeyOf(rule.scope, at('')), formCode: null, theme: null, figures: zero }];
  const missing = (rule.appliesTo?.forms ?? []).filter((code) => !readings.some((r) => r.formCode === code));
  return [
    ...readings,
    ...missing.map((code) => ({
      scopeKey: scopeKeyOf(rule.scope, at(code)),
      formCode: code,
      theme: null,
      figures: zero,
    })),
  ].sort((x, y) => x.scopeKey.localeCompare(y.scopeKey));
}
