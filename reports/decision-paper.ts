/**
 * The decision as the union prints it (Decree 30/2020/NĐ-CP's layout, as the domain brief describes it): the superior
 * body and the issuing body top left with the number, the national motto and the place and date top right, the title,
 * the bases, the articles, the recipients beside the signature block, and the annex (danh sách kèm theo) as a table per
 * form on pages of its own. A draft prints with the number and date left blank, as a dự thảo is circulated.
 */
import { startPdf } from '../infra/pdf-fonts.js';
import { drawQrCode } from './qr.js';
import { formatDate, formatLongDate, formatNumber, formatVnd } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import type { AnnexEntry, DecisionView } from '../services/decisions.js';

export interface DecisionPaper {
  decision: DecisionView;
  /** The body above the issuing unit (its parent), printed above it; none at the top of the tree. */
  superiorBodyName: string | null;
  /** The place on the date line: the province the issuing unit belongs to. */
  place: string;
  /** An issued decision's code, as printed, and the address its QR code opens; none on a draft. */
  verification: { code: string; url: string } | null;
}

const words = vi.decisionPaper;

/** The number's symbol part (`QĐ-LĐLĐ`), from an issued number or, on a draft, the unit's suffix. */
const blankNumber = (suffix: string): string => `${words.blank}/QĐ-${suffix}`;

/** The number as printed: an issued decision's, or on a draft the blank and the unit's symbol (`……/QĐ-LĐLĐ`). */
export const printedNumber = (d: Pick<DecisionView, 'number'>, decisionSuffix: string): string =>
  d.number ?? blankNumber(decisionSuffix);

/** The date line's date as printed: an issued decision's, or on a draft the blanks of its year. */
export const printedDate = (d: Pick<DecisionView, 'issuedAt' | 'year'>): string =>
  d.issuedAt === null ? words.blankDate(d.year) : formatLongDate(d.issuedAt);

/**
 * The body that decides, as printed under the title and on certificates: the signer's "TM. BAN THƯỜNG VỤ" without
 * its "TM.", then the unit ("BAN THƯỜNG VỤ Liên đoàn Lao động tỉnh An Lạc").
 */
export function decidingBody(d: Pick<DecisionView, 'signer' | 'issuingUnitName'>): string {
  const body = d.signer.capacity?.replace(/^TM\.\s*/i, '') ?? '';
  return `${body === '' ? '' : `${body} `}${d.issuingUnitName}`;
}

export async function renderDecisionPdf(paper: DecisionPaper, decisionSuffix: string): Promise<Buffer> {
  const { decision: d } = paper;
  const { doc, done } = await startPdf({
    margins: { top: 56, bottom: 56, left: 85, right: 56 },
    info: { Title: `${words.title} ${d.number ?? words.draft} — ${d.title}` },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const leftWidth = width * 0.42;
  const rightX = left + leftWidth + 10;
  const rightWidth = width - leftWidth - 10;
  const number = printedNumber(d, decisionSuffix);
  const date = printedDate(d);

  // The heading: two columns.
  const top = doc.y;
  doc.font('regular').fontSize(11);
  if (paper.superiorBodyName !== null)
    doc.text(paper.superiorBodyName.toUpperCase(), left, top, { width: leftWidth, align: 'center' });
  doc
    .font('bold')
    .text(d.issuingUnitName.toUpperCase(), left, paper.superiorBodyName === null ? top : doc.y, {
      width: leftWidth,
      align: 'center',
    });
  doc.font('regular').moveDown(0.4).text(words.number(number), { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').text(words.republic, rightX, top, { width: rightWidth, align: 'center' });
  doc.text(words.motto, { width: rightWidth, align: 'center' });
  doc.font('regular').moveDown(0.4).text(`${paper.place}, ${date}`, { width: rightWidth, align: 'center' });
  doc.x = left;
  doc.y = Math.max(leftBottom, doc.y) + 24;

  // The title and the body that decides.
  doc.font('bold').fontSize(14).text(words.title, { align: 'center' });
  doc.fontSize(12).text(d.title, { align: 'center' });
  doc.moveDown();
  doc.text(decidingBody(d).toUpperCase(), { align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(12);
  for (const basis of d.bases) doc.text(basis, { align: 'justify', indent: 28 });
  doc.moveDown(0.5);
  doc.font('bold').text(`${words.decides}:`, { align: 'center' });
  doc.moveDown(0.5);

  // The articles (the same words as the DOCX's): the award or the revocation, the bonus, who carries it out.
  doc.font('regular');
  for (const article of decisionArticles(d)) doc.text(article, { align: 'justify', indent: 28 });
  doc.moveDown();

  // Recipients beside the signature block.
  const blockTop = doc.y;
  doc.font('bold').fontSize(11).text(`${words.recipients}:`, left, blockTop, { width: leftWidth });
  doc.font('regular').fontSize(10);
  for (const r of d.recipients) doc.text(`- ${r}`, { width: leftWidth });
  const recipientsBottom = doc.y;
  doc.font('bold').fontSize(12);
  if (d.signer.capacity !== null)
    doc.text(d.signer.capacity, rightX, blockTop, { width: rightWidth, align: 'center' });
  if (d.signer.title !== null)
    doc.text(d.signer.title, rightX, d.signer.capacity === null ? blockTop : doc.y, {
      width: rightWidth,
      align: 'center',
    });
  doc.moveDown(4);
  if (d.signer.name !== null) doc.text(d.signer.name, rightX, doc.y, { width: rightWidth, align: 'center' });
  doc.x = left;
  doc.y = Math.max(recipientsBottom, doc.y);

  // The verification code and its QR code, at the foot of the page the decision is signed on.
  if (paper.verification !== null) {
    const qrSize = 64;
    const foot = doc.page.height - doc.page.margins.bottom - qrSize;
    if (doc.y > foot - 8) doc.addPage();
    const y = Math.max(doc.y + 8, foot);
    drawQrCode(doc, paper.verification.url, left, y, qrSize);
    doc
      .font('regular')
      .fontSize(9)
      .text(words.verify(paper.verification), left + qrSize + 8, y + 18, { width: width - qrSize - 8 });
    doc.x = left;
  }

  // The annex, on pages of its own; pdfkit's table carries its rows over page breaks.
  doc.addPage();
  doc
    .font('bold')
    .fontSize(13)
    .text(d.kind === 'revocation' ? words.revocationAnnexTitle : words.annexTitle, { align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text(
      words.annexOf({
        number,
        date: d.issuedAt === null ? words.blank : formatDate(d.issuedAt),
        unit: d.issuingUnitName,
      }),
      { align: 'center' },
    );
  doc.moveDown();
  const th = (text: string) => ({ text, font: { src: 'bold' }, backgroundColor: '#eeeeee' });
  const last = annexLastColumn(d);
  // An award decision's last column is money, right-aligned and totalled per form.
  const bonus = d.kind === 'award';
  const lastCell = (text: string) => (bonus ? { text, align: { x: 'right' as const } } : text);
  for (const group of d.annex) {
    doc.x = left;
    doc.font('bold').fontSize(12).text(group.formName);
    doc.moveDown(0.3).font('regular').fontSize(11);
    doc.table({
      columnStyles: [36, '*', '*', bonus ? 90 : 120],
      data: [
        [th(words.columns.order), th(words.columns.name), th(words.columns.unit), th(last.header)],
        ...group.entries.map((e, i) => [
          formatNumber(i + 1),
          e.nomineeName,
          e.submittingUnitName,
          lastCell(last.cell(e)),
        ]),
        // An award decision's bonuses add up per form.
        ...(bonus
          ? [
              [
                '',
                { text: words.groupTotal, font: { src: 'bold' } },
                '',
                {
                  text: formatNumber(group.entries.reduce((t, e) => t + (e.bonusVnd ?? 0), 0)),
                  font: { src: 'bold' },
                  align: { x: 'right' as const },
                },
              ],
            ]
          : []),
      ],
    });
    doc.moveDown();
  }
  doc.end();
  return done;
}

/** The annex's last column: the bonus of each award, or, in a revocation, the decision that gave the award. */
export function annexLastColumn(d: Pick<DecisionView, 'kind'>): {
  header: string;
  cell: (e: AnnexEntry) => string;
} {
  return d.kind === 'revocation'
    ? { header: words.columns.award, cell: awardDecisionOf }
    : { header: words.columns.bonus, cell: (e) => (e.bonusVnd === null ? '' : formatNumber(e.bonusVnd)) };
}

/** "12/QĐ-LĐLĐ ngày 22/11/2026": the award's own decision, which a revocation cites. */
const awardDecisionOf = (e: AnnexEntry): string =>
  e.decisionNumber === null
    ? ''
    : words.awardDecision({
        number: e.decisionNumber,
        date: e.decidedAt === null ? '' : formatDate(e.decidedAt),
      });

/**
 * The decision's articles, numbered: an award decision gives one per form ("Tặng … cho 3 tập thể và 40 cá nhân"), then
 * the bonus (its total; the annex has each amount); a revocation names the award it revokes in full when it revokes
 * one (who, which form, which decision), else the count, with the reason either way, then that the revoked return
 * what they received. Last, who carries it out.
 */
export function decisionArticles(d: DecisionView): string[] {
  const articles: string[] = [];
  if (d.kind === 'revocation') {
    const entries = d.annex.flatMap((g) => g.entries.map((e) => ({ ...e, formName: g.formName })));
    const reason = d.reason ?? '';
    const [only] = entries;
    articles.push(
      entries.length === 1 && only !== undefined
        ? words.revokeOneArticle({
            article: 1,
            form: only.formName,
            name: only.nomineeName,
            unit: only.submittingUnitName,
            decision: awardDecisionOf(only),
            reason,
          })
        : words.revokeArticle({ article: 1, count: entries.length, reason }),
      words.returnArticle(2),
    );
  } else {
    d.annex.forEach((group, i) => {
      const collectives = group.entries.filter((e) => e.nomineeKind === 'collective').length;
      articles.push(
        words.awardArticle({
          article: i + 1,
          form: group.formName,
          collectives,
          individuals: group.entries.length - collectives,
          occasion: d.occasion,
        }),
      );
    });
    // An empty annex holds the first article's place, as its article will once it is filled.
    if (d.annex.length === 0) articles.push(words.emptyAnnex);
    if (d.bonusTotalVnd > 0)
      articles.push(words.bonusArticle({ article: articles.length + 1, total: formatVnd(d.bonusTotalVnd) }));
  }
  articles.push(words.executionArticle(articles.length + 1));
  return articles;
}

/** The file name of a decision's paper: its number when issued, else the draft's id. */
export const decisionFileName = (d: Pick<DecisionView, 'id' | 'number'>): string =>
  `quyet-dinh-${(d.number ?? `du-thao-${d.id}`)
    // In ASCII, for every browser's download bar: 1/QĐ-LĐLĐ → 1-QD-LDLD.
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Đđ]/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`;
