/**
 * The certificates (Bằng khen, Giấy khen) of an issued decision, one A4 landscape page per award, in one file to print
 * in one batch. Two modes:
 *
 * - `full`: the whole designed page (frame, national motto, the deciding body, the form's name, the awardee, the
 *   achievement, the place and date, the signature block), for plain paper;
 * - `blank`: only the fields, where a pre-printed blank certificate (phôi) leaves room for them, shifted by the
 *   offsets an officer finds for the office's printer (in millimetres; paper feeds differ by a few).
 *
 * Both carry the decision's number and date and the award's verification code with its QR code, which a pre-printed
 * blank does not have.
 */
import { formatDate, formatLongDate } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { startPdf } from '../infra/pdf-fonts.js';
import { formatVerificationCode, verificationUrl } from '../domain/verification.js';
import { drawQrCode } from './qr.js';

export interface Certificate {
  nomineeName: string;
  /** The unit printed under the name (the one the nomination came from). */
  unitName: string;
  formName: string;
  code: string;
}

export interface CertificateBatch {
  /** The body that awards, as printed above the form's name ("BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC"). */
  awardingBody: string;
  place: string;
  occasion: string | null;
  number: string;
  issuedAt: string;
  signer: { name: string | null; title: string | null; capacity: string | null };
  publicUrl: string;
  certificates: Certificate[];
}

export interface BlankOffsets {
  /** Millimetres to the right (negative: to the left). */
  x: number;
  /** Millimetres down (negative: up). */
  y: number;
}

const words = vi.certificatePaper;
const MM = 72 / 25.4;
const PAGE = { width: 297 * MM, height: 210 * MM };

/**
 * Where each field goes on a blank, in millimetres from the page's top left, as the TLĐ's blanks leave room for them
 * (the name on the line under "TẶNG …", the date and signature to the lower right).
 */
const blankLayout = {
  name: { y: 88, left: 40, right: 257, size: 24 },
  unit: { y: 104, size: 15 },
  achievement: { y: 116, size: 14 },
  date: { y: 138, left: 160, right: 277, size: 13 },
  signer: { y: 147, size: 13 },
  signerName: { y: 180, size: 14 },
  decision: { y: 186, left: 20, width: 120, size: 10 },
  qr: { y: 140, left: 20, size: 26 },
};

export async function renderCertificatesPdf(
  batch: CertificateBatch,
  mode: 'full' | 'blank',
  offsets: BlankOffsets = { x: 0, y: 0 },
): Promise<Buffer> {
  const { doc, done } = await startPdf({
    size: [PAGE.width, PAGE.height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: { Title: `${batch.number} — ${batch.certificates.length}` },
  });
  const shift = mode === 'blank' ? { x: offsets.x * MM, y: offsets.y * MM } : { x: 0, y: 0 };
  const at = (mm: number, axis: 'x' | 'y'): number => mm * MM + shift[axis];
  const decisionLine = words.decision({ number: batch.number, date: formatDate(batch.issuedAt) });
  const dateLine = `${batch.place}, ${formatLongDate(batch.issuedAt)}`;

  for (const c of batch.certificates) {
    doc.addPage();
    if (mode === 'full') printDesign(doc, batch, c);
    const L = blankLayout;
    const across = (y: number, size: number, text: string, font: 'regular' | 'bold', left = L.name.left) =>
      doc
        .font(font)
        .fontSize(size)
        .text(text, at(left, 'x'), at(y, 'y'), { width: (L.name.right - left) * MM, align: 'center' });
    across(L.name.y, L.name.size, c.nomineeName, 'bold');
    across(L.unit.y, L.unit.size, c.unitName, 'regular');
    across(L.achievement.y, L.achievement.size, words.achievement(batch.occasion), 'regular');
    const right = (y: number, size: number, text: string, font: 'regular' | 'bold') =>
      doc
        .font(font)
        .fontSize(size)
        .text(text, at(L.date.left, 'x'), at(y, 'y'), {
          width: (L.date.right - L.date.left) * MM,
          align: 'center',
        });
    right(L.date.y, L.date.size, dateLine, 'regular');
    const signer = [batch.signer.capacity, batch.signer.title].filter((s): s is string => s !== null);
    if (signer.length > 0) right(L.signer.y, L.signer.size, signer.join('\n'), 'bold');
    if (batch.signer.name !== null) right(L.signerName.y, L.signerName.size, batch.signer.name, 'bold');
    drawQrCode(
      doc,
      verificationUrl(batch.publicUrl, c.code),
      at(L.qr.left, 'x'),
      at(L.qr.y, 'y'),
      L.qr.size * MM,
    );
    doc
      .font('regular')
      .fontSize(L.decision.size)
      .text(
        `${decisionLine}\n${words.code(formatVerificationCode(c.code))}`,
        at(L.decision.left, 'x'),
        at(L.decision.y, 'y'),
        {
          width: L.decision.width * MM,
        },
      );
  }
  doc.end();
  return done;
}

/** What a blank has printed already: the frame, the motto, the awarding body and the form's name. */
function printDesign(doc: PDFKit.PDFDocument, batch: CertificateBatch, c: Certificate): void {
  const red = '#b3261e';
  doc.save();
  doc
    .lineWidth(6)
    .strokeColor(red)
    .rect(10 * MM, 10 * MM, PAGE.width - 20 * MM, PAGE.height - 20 * MM)
    .stroke();
  doc
    .lineWidth(1.5)
    .strokeColor('#c9a227')
    .rect(14 * MM, 14 * MM, PAGE.width - 28 * MM, PAGE.height - 28 * MM)
    .stroke();
  doc.restore();
  const centred = (y: number, size: number, text: string, font: 'regular' | 'bold', color = '#000000') =>
    doc
      .fillColor(color)
      .font(font)
      .fontSize(size)
      .text(text, 20 * MM, y * MM, { width: PAGE.width - 40 * MM, align: 'center' });
  centred(24, 13, vi.decisionPaper.republic, 'bold');
  centred(30, 12, vi.decisionPaper.motto, 'bold');
  centred(42, 15, batch.awardingBody.toUpperCase(), 'bold', red);
  centred(52, 14, words.gives, 'bold');
  centred(62, 30, c.formName.toUpperCase(), 'bold', red);
  doc.fillColor('#000000');
}
