/**
 * A QR code drawn into a PDF as vector squares (sharp at any printer's resolution, no image to embed): the address of
 * a paper's public verification page, which a phone's camera opens.
 */
import QRCode from 'qrcode';

/** Draws `text` as a QR code whose dark modules fill a `size`-point square at (x, y), quiet zone included. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // Level M survives a crease or a stamp's ink over a seventh of it; a short address keeps the modules large.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Two modules of quiet zone each side: scanners want some white; the paper's own margin gives the rest.
  const cell = size / (modules.size + 4);
  doc.save();
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col) !== 0) doc.rect(x + (col + 2) * cell, y + (row + 2) * cell, cell, cell);
  doc.fillColor('#000000').fill();
  doc.restore();
}
