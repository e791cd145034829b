/**
 * A decision's printed papers: the decision itself (reports/decision-paper.ts) and the certificates of its awards
 * (reports/certificate-paper.ts). Both name the issuing unit as its superiors and the province place it, and an issued
 * decision's papers carry their verification codes (services/verification.ts).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { requireDecisionPreparer } from '../domain/decision.js';
import { DomainError } from '../domain/errors.js';
import { formatVerificationCode, verificationUrl } from '../domain/verification.js';
import type { Viewer } from '../domain/viewer.js';
import { renderCertificatesPdf, type BlankOffsets } from '../reports/certificate-paper.js';
import { renderDecisionDocx } from '../reports/decision-docx.js';
import {
  decidingBody,
  decisionFileName,
  renderDecisionPdf,
  type DecisionPaper,
} from '../reports/decision-paper.js';
import type { ReceivedFile } from './attachments.js';
import { decisionOf, visibleRecord, type DecisionView } from './decisions.js';
import { notVisible } from './visibility.js';
import type { ServiceDeps } from './deps.js';
import { ensureVerificationCodes } from './verification.js';

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
  const { paper, suffix } = await paperOf(deps, viewer, id);
  return { fileName: decisionFileName(paper.decision), file: await renderDecisionPdf(paper, suffix) };
}

/** The decision as an editable Word document, in the same layout and words as its PDF. */
export async function decisionDocx(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
): Promise<{ fileName: string; file: Buffer }> {
  const { paper, suffix } = await paperOf(deps, viewer, id);
  return {
    fileName: decisionFileName(paper.decision).replace(/\.pdf$/, '.docx'),
    file: await renderDecisionDocx(paper, suffix),
  };
}

async function paperOf(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
): Promise<{ paper: DecisionPaper; suffix: string }> {
  const decision = await decisionOf(deps, viewer, id);
  const context = await issuingContext(deps, decision.issuingUnitId);
  const code = decision.status === 'issued' ? (await ensureVerificationCodes(deps.db, id)).decision : null;
  return {
    paper: {
      decision,
      superiorBodyName: context.superiorBodyName,
      place: context.place,
      verification:
        code === null
          ? null
          : { code: formatVerificationCode(code), url: verificationUrl(deps.publicUrl, code) },
    },
    suffix: context.suffix,
  };
}

/** The scans a signed paper may be: what a scanner or a phone's camera makes. */
export const SCAN_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * Attaches the scan of the signed and stamped paper to an issued decision of the viewer's unit. Once attached it stays:
 * sending the same file again is no change, another file is refused (its hash is part of the record).
 */
export async function attachSignedScan(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  receive: () => Promise<ReceivedFile>,
): Promise<DecisionView> {
  requireDecisionPreparer(viewer);
  const record = await visibleRecord(deps.db, viewer, id);
  if (record.issuing_unit_id !== viewer.unitId) throw notVisible(`Decision ${id}`);
  if (record.status !== 'issued')
    throw new DomainError(
      'DecisionNotIssued',
      'A signed scan is attached to an issued decision: issue it first.',
    );
  const file = await receive();
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await deps.db
    .insertInto('decision_scans')
    .values({
      decision_id: id,
      filename: file.filename.slice(0, 255),
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256,
      content: file.content,
      uploaded_by: viewer.username,
    })
    .onConflict((oc) => oc.column('decision_id').doNothing())
    .execute();
  const { sha256: stored } = await deps.db
    .selectFrom('decision_scans')
    .select('sha256')
    .where('decision_id', '=', id)
    .executeTakeFirstOrThrow();
  if (stored !== sha256)
    throw new DomainError(
      'SignedScanAttached',
      `Decision ${record.number ?? id} has its signed scan already (SHA-256 ${stored}); it is not replaced.`,
    );
  return decisionOf(deps, viewer, id);
}

/** The signed scan, as attached. */
export async function signedScanFile(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  await visibleRecord(deps.db, viewer, id);
  const scan = await deps.db
    .selectFrom('decision_scans')
    .select(['filename', 'content_type', 'content'])
    .where('decision_id', '=', id)
    .executeTakeFirst();
  if (scan === undefined) throw notVisible(`The signed scan of decision ${id}`);
  return { filename: scan.filename, contentType: scan.content_type, content: scan.content };
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
      awardingBody: decidingBody(decision),
      place: context.place,
      occasion: decision.occasion,
      number: decision.number,
      issuedAt: decision.issuedAt,
      signer: decision.signer,
      publicUrl: deps.publicUrl,
      certificates,
    },
    options.mode,
    options.offsets,
  );
  return { fileName: decisionFileName(decision).replace(/^quyet-dinh-/, 'bang-khen-'), file };
}
