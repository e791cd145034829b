/**
 * The text of a PDF as a reader copying it would get, for tests that check what the printed documents say. Read
 * with pdf.js (an npm package), so the tests need no system tool such as poppler's `pdftotext`.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One text run on a page: its characters, and whether a line ends after it. */
interface TextRun {
  str: string;
  hasEOL: boolean;
}

function isTextRun(item: object): item is TextRun {
  return 'str' in item && 'hasEOL' in item;
}

/**
 * Every page's text, pages in order, lines ending where pdf.js sees a line end and pages separated by a form feed
 * (as pdftotext does). NFC, so that a test's literal with precomposed Vietnamese letters matches whatever
 * composition the font's mapping gives.
 */
export async function pdfText(pdf: Uint8Array | Buffer): Promise<string> {
  // A copy: pdf.js takes over (detaches) the buffer it is given, and a Buffer may share its memory with others.
  const document = await getDocument({
    data: new Uint8Array(pdf),
    // Fonts are embedded; keep pdf.js from looking for its standard font files or warning about them.
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!isTextRun(item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join('\f').normalize('NFC');
  } finally {
    await document.destroy();
  }
}
