/**
 * Be Vietnam Pro, a typeface made for Vietnamese and shipped as a package: every letter with its diacritics is a glyph
 * of its own, so a PDF's text (search, copy, accessibility) keeps them too, not only its picture. Shared by every
 * printable document (the award record, the periodic report).
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
