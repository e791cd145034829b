/**
 * Be Vietnam Pro, a typeface made for Vietnamese and shipped as a package: every letter with its diacritics is a glyph
 * of its own, so a PDF's text (search, copy, accessibility) keeps them too, not only its picture. Shared by every
 * printable document (the award record, the periodic report, the decision), which all start through `startPdf`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function fontPath(weight: '400Regular' | '700Bold'): string {
  const root = path.dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  return path.join(root, weight, `BeVietnamPro_${weight}.ttf`);
}

/** Registers the two weights a document uses under the names `regular` and `bold`. */
export function registerVietnameseFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('regular', fontPath('400Regular'));
  doc.registerFont('bold', fontPath('700Bold'));
}

/**
 * A new A4 document with the Vietnamese fonts registered, and the bytes it will have once `doc.end()` is called.
 * pdfkit is loaded on first use: a fifth of a second that every API start would otherwise pay.
 */
export async function startPdf(
  options: PDFKit.PDFDocumentOptions,
): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const doc = new (await import('pdfkit')).default({ size: 'A4', ...options });
  registerVietnameseFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}
