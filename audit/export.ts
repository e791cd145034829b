/**
 * Export of an award (or a scope of them) for third parties: the dossier's metadata and the full history with the
 * chain hashes as JSON, which anyone can verify with the short procedure in docs/audit-export.md, and a printable
 * Vietnamese PDF of the timeline and the decision.
 */
import type { Kysely } from 'kysely';
import { storedEventView, type StoredEventView } from '../services/nomination-view.js';
import { readStream } from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { startPdf } from '../infra/pdf-fonts.js';
import { formatDate, formatDateTime, formatPercent } from '../messages/format.js';
import { labelOf, vi } from '../messages/vi.js';

export const EXPORT_FORMAT = 'thi-dua-award-export/1';

/** An event as exported: the same view of a stored event the API shows, with its place in the hash chain. */
export type ExportedEvent = StoredEventView;

export interface AwardExport {
  format: typeof EXPORT_FORMAT;
  nominationId: string;
  exportedAt: string;
  nomination: {
    nomineeName: string;
    awardFormCode: string;
    /** The form's name, for people (the code is the machine's). */
    awardFormName: string;
    year: number;
    status: string;
    submittingUnitId: string;
    decidingUnitId: string | null;
    decisionNumber: string | null;
    decidedAt: string | null;
  };
  units: Record<string, string>;
  /** The names of the officers who acted, by their username (the actor's id in the events). */
  people: Record<string, string>;
  attachments: { kind: string; filename: string; contentType: string; sizeBytes: number; sha256: string }[];
  /** The anchored head of the stream: its last position and hash. */
  head: { position: number; hash: string } | null;
  events: ExportedEvent[];
}

export async function exportAward(
  db: Kysely<Database>,
  nominationId: string,
): Promise<AwardExport | undefined> {
  const row = await db
    .selectFrom('nominations')
    .selectAll()
    .where('id', '=', nominationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [events, attachments, head] = await Promise.all([
    readStream(db, nominationId),
    db
      .selectFrom('attachments')
      .select(['kind', 'filename', 'content_type', 'size_bytes', 'sha256'])
      .where('nomination_id', '=', nominationId)
      .orderBy('uploaded_at')
      .execute(),
    db
      .selectFrom('stream_heads')
      .select(['position', 'hash'])
      .where('nomination_id', '=', nominationId)
      .executeTakeFirst(),
  ]);
  const unitIds = new Set<string>([
    row.submitting_unit_id,
    ...events.map((e) => e.actor_unit_id),
    ...(row.route as { unitId: string }[]).map((s) => s.unitId),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actor_id))];
  const [units, people, form] = await Promise.all([
    db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', [...unitIds])
      .execute(),
    db
      .selectFrom('accounts')
      .select(['username', 'display_name'])
      .where('username', 'in', actorIds.length > 0 ? actorIds : [''])
      .execute(),
    db.selectFrom('award_forms').select('name').where('code', '=', row.award_form_code).executeTakeFirst(),
  ]);
  return {
    format: EXPORT_FORMAT,
    nominationId,
    exportedAt: new Date().toISOString(),
    nomination: {
      nomineeName: row.nominee_name,
      awardFormCode: row.award_form_code,
      awardFormName: form?.name ?? row.award_form_code,
      year: row.year,
      status: row.status,
      submittingUnitId: row.submitting_unit_id,
      decidingUnitId: row.deciding_unit_id,
      decisionNumber: row.decision_number,
      decidedAt: row.decided_at?.toISOString() ?? null,
    },
    units: Object.fromEntries(units.map((u) => [u.id, u.name])),
    people: Object.fromEntries(people.map((p) => [p.username, p.display_name])),
    attachments: attachments.map((a) => ({
      kind: a.kind,
      filename: a.filename,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      sha256: a.sha256,
    })),
    head: head ?? null,
    events: events.map(storedEventView),
  };
}

/** The printable record of one award, in Vietnamese. */
export async function renderAwardPdf(award: AwardExport): Promise<Buffer> {
  const { doc, done } = await startPdf({
    margin: 50,
    info: { Title: `Hồ sơ khen thưởng — ${award.nomination.nomineeName}` },
  });
  const unit = (id: string | null): string => (id === null ? '—' : (award.units[id] ?? id));
  const person = (actor: ExportedEvent['actor']): string =>
    actor.role === 'system' ? vi.roles.system : (award.people[actor.id] ?? actor.id);
  const n = award.nomination;

  doc.font('bold').fontSize(11).text('TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM', { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text('Cộng hòa Xã hội Chủ nghĩa Việt Nam — Độc lập – Tự do – Hạnh phúc', { align: 'center' });
  doc.moveDown();
  doc.font('bold').fontSize(16).text('HỒ SƠ QUÁ TRÌNH XÉT DUYỆT KHEN THƯỞNG', { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(11);
  doc.text(`Người được đề nghị: ${n.nomineeName}`);
  doc.text(`Hình thức khen thưởng: ${n.awardFormName} — năm ${n.year}`);
  doc.text(`Đơn vị đề nghị: ${unit(n.submittingUnitId)}`);
  doc.text(`Cấp quyết định: ${unit(n.decidingUnitId)}`);
  doc.text(`Tình trạng: ${labelOf(vi.stages, n.status)}`);
  if (n.decisionNumber !== null) {
    doc.font('bold').text(
      vi.decisionRef({
        number: n.decisionNumber,
        issuer: unit(n.decidingUnitId),
        date: formatDate(n.decidedAt),
      }),
    );
    doc.font('regular');
  }
  doc.moveDown();
  doc.font('bold').fontSize(13).text('Quá trình xử lý');
  doc.moveDown(0.3);
  for (const e of award.events) {
    doc
      .font('bold')
      .fontSize(11)
      .text(`${e.position}. ${labelOf(vi.events, e.type)}`, { continued: true });
    doc.font('regular').text(` — ${formatDateTime(e.occurredAt)}`);
    doc
      .fontSize(10)
      .text(
        `Người thực hiện: ${person(e.actor)} (${labelOf(vi.roles, e.actor.role)}), ${unit(e.actor.unitId)}`,
      );
    if (e.comment !== null) doc.text(`Ý kiến: ${e.comment}`);
    const data = e.data as {
      by?: string;
      decisionNumber?: string;
      revocationNumber?: string;
      quota?: { findings?: { description: string; shareAfter: number | null; limit: number }[] };
    };
    // Each number with its issuer and date: the number alone is ambiguous between units.
    const ref = { issuer: unit(data.by ?? e.actor.unitId), date: formatDate(e.occurredAt) };
    if (data.revocationNumber !== undefined)
      doc.text(vi.revocationRef({ number: data.revocationNumber, ...ref }));
    else if (e.type === 'NominationApproved' && data.decisionNumber !== undefined)
      doc.text(vi.decisionRef({ number: data.decisionNumber, ...ref }));
    for (const f of data.quota?.findings ?? []) {
      if (f.shareAfter !== null)
        doc.text(
          `Chỉ tiêu: ${f.description} — ${formatPercent(f.shareAfter)} (mức ${formatPercent(f.limit)})`,
        );
    }
    doc.fontSize(8).fillColor('#555').text(`Mã băm: ${e.hash}`).fillColor('black');
    doc.moveDown(0.5);
  }
  doc.moveDown();
  doc
    .fontSize(9)
    .text(
      `Xuất lúc ${formatDateTime(award.exportedAt)}. Chuỗi mã băm kiểm chứng theo hướng dẫn docs/audit-export.md.`,
    );
  doc.end();
  return done;
}
