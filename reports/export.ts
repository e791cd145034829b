/**
 * A unit's periodic report as documents to send and keep: a workbook (the figures for further compiling, as the
 * provincial federation still does in Excel) and a printable Vietnamese report in the administrative form (heading,
 * figures against targets, notes, signature block). Both are built from the same consolidation.
 */
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  correctableFigures,
  indicator,
  type CorrectableFigure,
  type Indicator,
  type ReportFigures,
} from '../domain/report.js';
import { startPdf } from '../infra/pdf-fonts.js';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatNumber,
  formatVnd,
  formatPercent,
} from '../messages/format.js';
import { labelOf, vi } from '../messages/vi.js';
import { loadConsolidation, type Consolidation } from './consolidation.js';

export interface ReportExport {
  consolidation: Consolidation;
  /** The upper unit's name, for the heading and the addressee. */
  upperUnitName: string;
  /** Award form names by code. */
  formNames: Record<string, string>;
  exportedAt: string;
}

export async function loadReportExport(
  db: Kysely<Database>,
  periodId: string,
  unitId: string,
): Promise<ReportExport | undefined> {
  const consolidation = await loadConsolidation(db, periodId, unitId);
  if (consolidation === undefined) return undefined;
  const [upper, forms] = await Promise.all([
    db.selectFrom('units').select('name').where('id', '=', consolidation.unit.upperUnitId).executeTakeFirst(),
    db.selectFrom('award_forms').select(['code', 'name']).execute(),
  ]);
  return {
    consolidation,
    upperUnitName: upper?.name ?? consolidation.unit.upperUnitId,
    formNames: Object.fromEntries(forms.map((f) => [f.code, f.name])),
    exportedAt: new Date().toISOString(),
  };
}

/** A file name that any mail client and file system takes: ASCII letters, digits, dots and dashes. */
export const exportFileName = (periodId: string, unitId: string, extension: 'xlsx' | 'pdf'): string =>
  `bao-cao-${periodId}-${unitId}`.replace(/[^A-Za-z0-9.-]+/g, '-') + `.${extension}`;

/** Nomination outcomes, in the order a report lists them (their labels are the stages' in the catalogue). */
const OUTCOME_ORDER = ['approved', 'inReview', 'returned', 'rejected', 'withdrawn', 'revoked', 'draft'];

export interface IndicatorRow {
  label: string;
  /** Targets ("phấn đấu") and floors ("ít nhất") read the same here: the share should be at least the target. */
  indicator: Indicator;
}

/** The yearly indicators of seed 004 II and the two shares of commended individuals, as one list of rows. */
export function indicatorRows(f: ReportFigures): IndicatorRow[] {
  return [
    { label: vi.indicators.upperUnionsWithPlan, indicator: f.indicators.upperUnionsWithPlan },
    { label: vi.indicators.baseUnionsWithPlan, indicator: f.indicators.baseUnionsWithPlan },
    { label: vi.indicators.movementsReviewed, indicator: f.indicators.movementsReviewed },
    { label: vi.indicators.officersTrained, indicator: f.indicators.officersTrained },
    {
      label: vi.indicators.directWorkers,
      indicator: indicator(f.directWorkersOrNonLeaders, f.individualsCommended, f.directWorkerFloor),
    },
    {
      label: vi.indicators.nonLeaders,
      indicator: indicator(f.nonLeaders, f.individualsCommended, f.nonLeaderFloor),
    },
  ];
}

/** Met, not met, or nothing to judge (no denominator). */
export const verdict = (i: Indicator): string =>
  i.share === null ? '—' : i.share + 1e-9 >= i.target ? vi.verdict.met : vi.verdict.notMet;

const percent = (share: number | null): string => (share === null ? '—' : formatPercent(share));

const countFigure = (f: ReportFigures, name: CorrectableFigure): number =>
  name === 'individualsCommended' || name === 'directWorkersOrNonLeaders' || name === 'nonLeaders'
    ? f[name]
    : f.plan[name];

/** Outcomes that occur in the figures, in the report's order (unknown ones last). */
function outcomesOf(f: ReportFigures): string[] {
  const present = new Set(Object.values(f.byForm).flatMap((o) => Object.keys(o)));
  return [
    ...OUTCOME_ORDER.filter((o) => present.has(o)),
    ...[...present].filter((o) => !OUTCOME_ORDER.includes(o)).sort(),
  ];
}

const headerFont = { bold: true };
const thin = { style: 'thin' } as const;
const boxed = { top: thin, left: thin, bottom: thin, right: thin };

function writeTable(sheet: ExcelJS.Worksheet, headers: string[], rows: ExcelJS.CellValue[][]): void {
  const header = sheet.addRow(headers);
  header.font = headerFont;
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.border = boxed;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = boxed;
    });
  }
}

/** The workbook: "Tổng hợp" (indicators and counts), "Khen thưởng" (nominations by form and outcome), "Đơn vị". */
export async function renderReportXlsx(exported: ReportExport): Promise<Buffer> {
  const { consolidation: c } = exported;
  const workbook = new (await import('exceljs')).default.Workbook();
  workbook.creator = 'Thi đua, khen thưởng';
  workbook.created = new Date(exported.exportedAt);
  const title = `Báo cáo kết quả công tác thi đua, khen thưởng ${c.period.name}`;

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [
    { width: 6 },
    { width: 70 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([`Đơn vị: ${c.unit.name}`]);
  summary.addRow([
    `Kỳ báo cáo: ${c.period.name}; hạn gửi ${formatDate(c.period.dueAt)}; tình trạng: ${vi.reportStatus[c.report.status]}`,
  ]);
  summary.addRow([]);
  const figures = c.reportedFigures;
  const prefilled = c.report.figures;
  if (figures === null || prefilled === null) {
    summary.addRow(['Không có số liệu tự động tổng hợp cho báo cáo này.']);
  } else {
    summary.addRow(['Chỉ tiêu phấn đấu hằng năm']).font = headerFont;
    writeTable(
      summary,
      ['STT', 'Chỉ tiêu', 'Kết quả', 'Tổng số', 'Tỷ lệ', 'Mục tiêu', 'Đánh giá'],
      indicatorRows(figures).map((r, i) => [
        i + 1,
        r.label,
        r.indicator.value,
        r.indicator.of,
        r.indicator.share,
        r.indicator.target,
        verdict(r.indicator),
      ]),
    );
    // Shares as numbers shown as percentages, so that a spreadsheet can still add them up.
    summary.getColumn(5).numFmt = '0.0%';
    summary.getColumn(6).numFmt = '0%';
    summary.addRow([]);
    summary.addRow(['Số liệu (tự động tổng hợp và đơn vị điều chỉnh)']).font = headerFont;
    writeTable(
      summary,
      ['STT', 'Số liệu', 'Tự động', 'Điều chỉnh'],
      correctableFigures.map((name, i) => [
        i + 1,
        vi.reportFigures[name],
        countFigure(prefilled, name),
        c.report.corrections[name] ?? null,
      ]),
    );
  }
  summary.addRow([]);
  summary.addRow(['Ghi chú, đánh giá của đơn vị']).font = headerFont;
  summary.addRow([c.report.notes === '' ? '(không có)' : c.report.notes]).alignment = { wrapText: true };

  const awards = workbook.addWorksheet('Khen thưởng');
  const outcomes = prefilled === null ? [] : outcomesOf(prefilled);
  awards.columns = [{ width: 16 }, { width: 60 }, ...outcomes.map(() => ({ width: 14 })), { width: 12 }];
  writeTable(
    awards,
    ['Mã hình thức', 'Hình thức khen thưởng', ...outcomes.map((o) => labelOf(vi.stages, o)), 'Tổng cộng'],
    Object.entries(prefilled?.byForm ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([form, byOutcome]) => [
        form,
        exported.formNames[form] ?? form,
        ...outcomes.map((o) => byOutcome[o] ?? 0),
        Object.values(byOutcome).reduce((a, b) => a + b, 0),
      ]),
  );
  if (prefilled?.bonusVnd !== undefined) {
    awards.addRow([]);
    // A number, so that a spreadsheet adds the units' reports up.
    awards.addRow([vi.reportBonus.label, null, prefilled.bonusVnd]).getCell(3).numFmt = '#,##0';
  }

  const units = workbook.addWorksheet('Đơn vị');
  units.columns = [{ width: 6 }, { width: 12 }, { width: 60 }, { width: 18 }, { width: 16 }, { width: 22 }];
  writeTable(
    units,
    ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Tình trạng báo cáo', 'Thời điểm gửi'],
    c.children.map((child, i) => [
      i + 1,
      child.unitId,
      child.unitName,
      vi.levels[child.level],
      vi.reportStatus[child.status],
      child.submittedAt === null ? null : formatDateTime(child.submittedAt),
    ]),
  );
  units.addRow([]);
  units.addRow([
    null,
    null,
    `Đã gửi: ${formatNumber(c.subtree.submitted)}; chưa gửi: ${formatNumber(c.subtree.due)}; quá hạn: ${formatNumber(c.subtree.overdue)} (toàn bộ đơn vị cấp dưới)`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The printable report, in the form of an administrative document (văn bản hành chính). */
export async function renderReportPdf(exported: ReportExport): Promise<Buffer> {
  const { consolidation: c } = exported;
  const { doc, done } = await startPdf({
    margin: 50,
    info: { Title: `Báo cáo thi đua, khen thưởng ${c.period.name} — ${c.unit.name}` },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2;

  // The two-column heading of an administrative document: the issuing unit, and the national motto.
  const top = doc.y;
  doc
    .font('regular')
    .fontSize(10)
    .text(exported.upperUnitName.toUpperCase(), left, top, {
      width: half - 10,
      align: 'center',
    });
  doc.font('bold').text(c.unit.name.toUpperCase(), { width: half - 10, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, top, {
    width: half,
    align: 'center',
  });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: half, align: 'center' });
  doc
    .font('regular')
    .moveDown(0.5)
    .text(formatLongDate(exported.exportedAt), { width: half, align: 'center' });
  doc.x = left;
  doc.y = Math.max(leftBottom, doc.y) + 20;

  doc.font('bold').fontSize(16).text('BÁO CÁO', { align: 'center' });
  doc.fontSize(12).text(`Kết quả công tác thi đua, khen thưởng ${c.period.name}`, { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(11);
  doc.text(`Đơn vị báo cáo: ${c.unit.name}`);
  doc.text(`Kính gửi: ${exported.upperUnitName}`);
  doc.text(
    `Kỳ báo cáo: ${c.period.name}; hạn gửi ${formatDate(c.period.dueAt)}; tình trạng: ${vi.reportStatus[c.report.status]}` +
      (c.report.submittedAt === null ? '' : ` (${formatDateTime(c.report.submittedAt)})`),
  );
  doc.moveDown();

  const section = (heading: string): void => {
    doc.x = left;
    doc.moveDown(0.5).font('bold').fontSize(12).text(heading);
    doc.moveDown(0.3).font('regular').fontSize(10);
  };
  const th = (text: string) => ({ text, font: { src: 'bold' }, backgroundColor: '#e8eef7' });

  const figures = c.reportedFigures;
  const prefilled = c.report.figures;
  if (figures === null || prefilled === null) {
    section('I. SỐ LIỆU');
    doc.text('Không có số liệu tự động tổng hợp cho báo cáo này.');
  } else {
    section('I. CHỈ TIÊU PHẤN ĐẤU HẰNG NĂM');
    doc.table({
      columnStyles: [30, '*', 50, 45, 55, 60],
      data: [
        [th('STT'), th('Chỉ tiêu'), th('Kết quả'), th('Tỷ lệ'), th('Mục tiêu'), th('Đánh giá')],
        ...indicatorRows(figures).map((r, i) => [
          String(i + 1),
          r.label,
          `${formatNumber(r.indicator.value)}/${formatNumber(r.indicator.of)}`,
          percent(r.indicator.share),
          percent(r.indicator.target),
          verdict(r.indicator),
        ]),
      ],
    });

    section('II. SỐ LIỆU TỔNG HỢP');
    doc.table({
      columnStyles: [30, '*', 60, 60],
      data: [
        [th('STT'), th('Số liệu'), th('Tự động'), th('Điều chỉnh')],
        ...correctableFigures.map((name, i) => [
          String(i + 1),
          vi.reportFigures[name],
          formatNumber(countFigure(prefilled, name)),
          c.report.corrections[name] === undefined ? '' : formatNumber(c.report.corrections[name]),
        ]),
      ],
    });

    section('III. KẾT QUẢ XÉT KHEN THƯỞNG');
    const outcomes = outcomesOf(prefilled);
    const forms = Object.entries(prefilled.byForm).sort(([a], [b]) => a.localeCompare(b));
    if (forms.length === 0) doc.text('Chưa có đề nghị khen thưởng trong năm.');
    else
      doc.table({
        columnStyles: ['*', ...outcomes.map(() => 55), 45],
        data: [
          [th('Hình thức khen thưởng'), ...outcomes.map((o) => th(labelOf(vi.stages, o))), th('Tổng')],
          ...forms.map(([form, byOutcome]) => [
            exported.formNames[form] ?? form,
            ...outcomes.map((o) => formatNumber(byOutcome[o] ?? 0)),
            formatNumber(Object.values(byOutcome).reduce((a, b) => a + b, 0)),
          ]),
        ],
      });
    if (prefilled.bonusVnd !== undefined) {
      doc.moveDown(0.3);
      doc.text(`${vi.reportBonus.label}: ${formatVnd(prefilled.bonusVnd)}`);
    }
  }

  if (c.children.length > 0) {
    section('IV. TÌNH HÌNH BÁO CÁO CỦA ĐƠN VỊ CẤP DƯỚI');
    doc.text(
      `Đã gửi: ${formatNumber(c.subtree.submitted)}; chưa gửi: ${formatNumber(c.subtree.due)}; quá hạn: ${formatNumber(c.subtree.overdue)} (trên tổng số ${formatNumber(c.subtree.total)} đơn vị cấp dưới).`,
    );
    doc.moveDown(0.3);
    doc.table({
      columnStyles: [30, '*', 60, 110],
      data: [
        [th('STT'), th('Đơn vị'), th('Tình trạng'), th('Thời điểm gửi')],
        ...c.children.map((child, i) => [
          String(i + 1),
          child.unitName,
          vi.reportStatus[child.status],
          child.submittedAt === null ? '' : formatDateTime(child.submittedAt),
        ]),
      ],
    });
    const withNotes = c.children.filter((child) => child.notes.trim() !== '');
    if (withNotes.length > 0) {
      doc.moveDown(0.5).font('bold').text('Ý kiến của đơn vị cấp dưới:', left).font('regular');
      for (const child of withNotes) doc.text(`- ${child.unitName}: ${child.notes}`);
    }
  }

  section(c.children.length > 0 ? 'V. ĐÁNH GIÁ, KIẾN NGHỊ' : 'IV. ĐÁNH GIÁ, KIẾN NGHỊ');
  doc.fontSize(11).text(c.report.notes === '' ? '(không có)' : c.report.notes);

  // Signature block on the right, recipients on the left, kept together on one page.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
  doc.moveDown(1.5);
  const signTop = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text('Nơi nhận:', left, signTop, { width: half - 10 });
  doc.font('regular').fontSize(9);
  doc.text(`- ${exported.upperUnitName} (b/c);`, { width: half - 10 });
  doc.text('- Lưu: VT.', { width: half - 10 });
  doc
    .font('bold')
    .fontSize(11)
    .text('TM. BAN THƯỜNG VỤ', left + half, signTop, { width: half, align: 'center' });
  doc.text('CHỦ TỊCH', { width: half, align: 'center' });
  doc.font('regular').fontSize(9).text('(Ký, ghi rõ họ tên, đóng dấu)', { width: half, align: 'center' });
  doc.x = left;
  doc.end();
  return done;
}
