/**
 * The decision as an editable Word document (DOCX), in the same administrative layout as the PDF
 * (reports/decision-paper.ts): officers who must still adjust a sentence before it is signed do it here, not by
 * retyping the decision. Times New Roman, the typeface of administrative documents, which every copy of Word renders
 * with its Vietnamese letters. docx is loaded on first use, as pdfkit is.
 */
import type { IRunOptions, Paragraph as ParagraphType, Table as TableType } from 'docx';
import { formatDate, formatNumber } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import {
  annexLastColumn,
  decidingBody,
  decisionArticles,
  printedDate,
  printedNumber,
  type DecisionPaper,
} from './decision-paper.js';

const words = vi.decisionPaper;

export async function renderDecisionDocx(paper: DecisionPaper, decisionSuffix: string): Promise<Buffer> {
  const {
    AlignmentType,
    BorderStyle,
    Document,
    Packer,
    PageBreak,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = await import('docx');
  const { decision: d } = paper;
  const number = printedNumber(d, decisionSuffix);
  const date = printedDate(d);
  const line = (
    text: string,
    options: { bold?: boolean; size?: number; center?: boolean; indent?: boolean; italics?: boolean } = {},
  ): ParagraphType =>
    new Paragraph({
      alignment: options.center === true ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      indent: options.indent === true ? { firstLine: 567 } : undefined,
      spacing: { after: 80 },
      children: [new TextRun(runOf(text, options))],
    });
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = {
    top: none,
    bottom: none,
    left: none,
    right: none,
    insideHorizontal: none,
    insideVertical: none,
  };
  const twoColumns = (left: ParagraphType[], right: ParagraphType[]): TableType =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: 42, type: WidthType.PERCENTAGE },
              borders: noBorders,
              children: left,
            }),
            new TableCell({
              width: { size: 58, type: WidthType.PERCENTAGE },
              borders: noBorders,
              children: right,
            }),
          ],
        }),
      ],
    });
  const cell = (text: string, bold = false): InstanceType<typeof TableCell> =>
    new TableCell({ children: [line(text, { bold, size: 12 })] });

  const heading = twoColumns(
    [
      ...(paper.superiorBodyName === null
        ? []
        : [line(paper.superiorBodyName.toUpperCase(), { center: true })]),
      line(d.issuingUnitName.toUpperCase(), { bold: true, center: true }),
      line(words.number(number), { center: true }),
    ],
    [
      line(words.republic, { bold: true, center: true }),
      line(words.motto, { bold: true, center: true }),
      line(`${paper.place}, ${date}`, { italics: true, center: true }),
    ],
  );
  const signature = twoColumns(
    [
      line(`${words.recipients}:`, { bold: true, size: 12 }),
      ...d.recipients.map((r) => line(`- ${r}`, { size: 11 })),
    ],
    [
      ...[d.signer.capacity, d.signer.title]
        .filter((s): s is string => s !== null)
        .map((s) => line(s, { bold: true, center: true })),
      line('', {}),
      line('', {}),
      line('', {}),
      ...(d.signer.name === null ? [] : [line(d.signer.name, { bold: true, center: true })]),
    ],
  );
  const last = annexLastColumn(d);
  const annexTables = d.annex.flatMap((group) => [
    line(group.formName, { bold: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [
            cell(words.columns.order, true),
            cell(words.columns.name, true),
            cell(words.columns.unit, true),
            cell(last.header, true),
          ],
        }),
        ...group.entries.map(
          (e, i) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(formatNumber(i + 1)),
                cell(e.nomineeName),
                cell(e.submittingUnitName),
                cell(last.cell(e)),
              ],
            }),
        ),
      ],
    }),
    line(''),
  ]);

  const document = new Document({
    creator: d.issuingUnitName,
    title: `${words.title} ${d.number ?? words.draft}`,
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: [
          heading,
          line(''),
          line(words.title, { bold: true, size: 14, center: true }),
          line(d.title, { bold: true, center: true }),
          line(decidingBody(d).toUpperCase(), {
            bold: true,
            center: true,
          }),
          ...d.bases.map((b) => line(b, { indent: true, italics: true })),
          line(`${words.decides}:`, { bold: true, center: true }),
          ...decisionArticles(d).map((a) => line(a, { indent: true })),
          line(''),
          signature,
          new Paragraph({ children: [new PageBreak()] }),
          line(d.kind === 'revocation' ? words.revocationAnnexTitle : words.annexTitle, {
            bold: true,
            center: true,
          }),
          line(
            words.annexOf({
              number,
              date: d.issuedAt === null ? words.blank : formatDate(d.issuedAt),
              unit: d.issuingUnitName,
            }),
            { italics: true, center: true },
          ),
          ...annexTables,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * A run's options, typed as docx's own: passed as a literal to `new TextRun`, whose parameter is also a string, the
 * type checker takes `bold` for the deprecated String.prototype.bold.
 */
function runOf(text: string, options: { bold?: boolean; size?: number; italics?: boolean }): IRunOptions {
  const run: IRunOptions = {
    text,
    bold: options.bold ?? false,
    italics: options.italics ?? false,
    size: (options.size ?? 13) * 2,
    font: 'Times New Roman',
  };
  return run;
}
