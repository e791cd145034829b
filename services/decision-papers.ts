/**
 * A decision's printed papers: the decision itself (reports/decision-paper.ts) and the certificates of its awards
 * (reports/certificate-paper.ts). Both name the issuing unit as its superiors and the province place it, and an issued
 * decision's papers carry their verification codes (services/verification.ts).
 */
import { sql } from 'kysely';
import { DomainError } from '../domain/errors.js';
import { formatVerificationCode, verificationUrl } from '../domain/verification.js';
import type { Viewer } from '../domain/viewer.js';
import { renderCertificatesPdf, type BlankOffsets } from '../reports/certificate-paper.js';
import { decisionFileName, renderDecisionPdf } from '../reports/decision-paper.js';
import { decisionOf, type DecisionView } from './decisions.js';
import type { ServiceDeps } from './deps.js';
import { ensureVerificationCodes } from './verification.js';

const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** Where the issuing unit stands: its suffix, the body above it, and the place its papers are dated in. */
async function issuingContext(
  deps: ServiceDeps,
  unitId: string,
): Promise<{ suffix: string; superiorBodyName: string | null; place: string }> {
  const chain = await sql<{ name: string; level: string; decision_suffix: string; depth: number }>`
    with recursive up as (
      select id, parent_id, name, level, decision_suffix, 0 as depth from units where id = ${unitId}
      union all
      select u.id, u.parent_id, u.name, u.level, u.decision_suffix, up.depth + 1
      from units u join up on u.id = up.parent_id
    )
    select name, level, decision_suffix, depth from up order by depth`.execute(deps.db);
  const [issuing, superior] = chain.rows;
  const province = chain.rows.find((u) => u.level === 'province') ?? issuing;
  // "LĐLĐ tỉnh An Lạc" dates its papers "An Lạc, ngày …": the province's own name, without its kind.
  const place = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(province?.name ?? '')?.[1] ?? province?.name ?? '';
  return { suffix: issuing?.decision_suffix ?? '', superiorBodyName: superior?.name ?? null, place };
}

/** The decision as PDF: a draft with blanks, an issued one with its number, date and verification code. */
export async function decisionPdf(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
): Promise<{ fileName: string; file: Buffer }> {
  const decision = await decisionOf(deps, viewer, id);
  const context = await issuingContext(deps, decision.issuingUnitId);
  const code = decision.status === 'issued' ? (await ensureVerificationCodes(deps.db, id)).decision : null;
  const publicUrl = deps.publicUrl ?? DEFAULT_PUBLIC_URL;
  const file = await renderDecisionPdf(
    {
      decision,
      superiorBodyName: context.superiorBodyName,
      place: context.place,
      verification:
        code === null ? null : { code: formatVerificationCode(code), url: verificationUrl(publicUrl, code) },
    },
    context.suffix,
  );
  return { fileName: decisionFileName(decision), file };
}

export interface CertificateOptions {
  mode: 'full' | 'blank';
  offsets?: BlankOffsets;
  /** One award only (a reprint); all of the decision's when left out. */
  nominationId?: string;
}

/** The certificates of an issued award decision, one page per award, in the order of its annex. */
export async function certificatesPdf(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  options: CertificateOptions,
): Promise<{ fileName: string; file: Buffer }> {
  const decision = await decisionOf(deps, viewer, id);
  if (decision.status !== 'issued' || decision.number === null || decision.issuedAt === null)
    throw new DomainError(
      'DecisionNotIssued',
      'Certificates are printed for an issued decision only: issue the decision first.',
    );
  if (decision.kind !== 'award')
    throw new DomainError('DecisionNotIssued', 'A revocation decision has no certificates to print.');
  const codes = await ensureVerificationCodes(deps.db, id);
  const certificates = decision.annex.flatMap((group) =>
    group.entries
      .filter((e) => options.nominationId === undefined || e.nominationId === options.nominationId)
      .map((e) => ({
        nomineeName: e.nomineeName,
        unitName: e.submittingUnitName,
        formName: group.formName,
        code: codes.byNomination.get(e.nominationId) ?? '',
      })),
  );
  if (certificates.length === 0)
    throw new DomainError(
      'NotFound',
      `Nomination ${options.nominationId ?? ''} is not in decision ${decision.number}`,
    );
  const context = await issuingContext(deps, decision.issuingUnitId);
  const file = await renderCertificatesPdf(
    {
      awardingBody: awardingBody(decision),
      place: context.place,
      occasion: decision.occasion,
      number: decision.number,
      issuedAt: decision.issuedAt,
      signer: decision.signer,
      publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
      certificates,
    },
    options.mode,
    options.offsets,
  );
  return { fileName: decisionFileName(decision).replace(/^quyet-dinh-/, 'bang-khen-'), file };
}

/** "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC": the body the signer signs for, and the unit. */
function awardingBody(decision: DecisionView): string {
  const body = decision.signer.capacity?.replace(/^TM\.\s*/i, '') ?? '';
  return `${body === '' ? '' : `${body} `}${decision.issuingUnitName}`;
}
