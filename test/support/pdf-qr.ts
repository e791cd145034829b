/**
 * The QR codes printed in a PDF, decoded, for tests that check where a paper's QR code leads. pdfkit draws each as
 * one filled path of square modules (reports/qr.ts); pdf.js gives that path back, the squares become a bitmap, and
 * jsQR (an npm package) reads it as a phone's camera would read the paper. No system tool, no canvas.
 */
import jsQRModule from 'jsqr';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// jsqr is CommonJS with an `exports.default`: under Node's ESM its function is the default export's `default`.
const jsQR = jsQRModule.default;

// pdf.js's path operators (its DrawOPS): a rectangle comes as moveTo, three lineTo and closePath.
const MOVE_TO = 0;
const LINE_TO = 1;
const CLOSE_PATH = 4;

interface Square {
  x: number;
  y: number;
  size: number;
}

/** Each page's QR codes, decoded, pages in order. */
export async function pdfQrCodes(pdf: Uint8Array | Buffer): Promise<string[][]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 })
    .promise;
  try {
    const pages: string[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { fnArray, argsArray } = await page.getOperatorList();
      const found: string[] = [];
      fnArray.forEach((fn, i) => {
        if (fn !== OPS.constructPath) return;
        const squares = squaresOf((argsArray[i] as [number, [ArrayLike<number>]])[1][0]);
        // A QR code has at least 21×21 modules, of which far more than fifty are dark; a frame or a rule is not one.
        if (squares.length < 50) return;
        const text = decode(squares);
        if (text !== null) found.push(text);
      });
      pages.push(found);
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** The path's rectangles, when it is made of nothing but equal squares; empty otherwise. */
function squaresOf(path: ArrayLike<number>): Square[] {
  const squares: Square[] = [];
  for (let i = 0; i < path.length;) {
    if (path[i] !== MOVE_TO) return [];
    const xs: number[] = [];
    const ys: number[] = [];
    xs.push(Number(path[i + 1]));
    ys.push(Number(path[i + 2]));
    i += 3;
    for (let k = 0; k < 3; k++, i += 3) {
      if (path[i] !== LINE_TO) return [];
      xs.push(Number(path[i + 1]));
      ys.push(Number(path[i + 2]));
    }
    if (path[i] !== CLOSE_PATH) return [];
    i += 1;
    const size = Math.max(...xs) - Math.min(...xs);
    if (Math.abs(size - (Math.max(...ys) - Math.min(...ys))) > 0.01) return [];
    squares.push({ x: Math.min(...xs), y: Math.min(...ys), size });
  }
  return squares;
}

/** The squares as a black-on-white bitmap, four pixels a module with a quiet zone, read by jsQR. */
function decode(squares: Square[]): string | null {
  const cell = squares[0]?.size ?? 1;
  const minX = Math.min(...squares.map((s) => s.x));
  const minY = Math.min(...squares.map((s) => s.y));
  const modules = Math.round((Math.max(...squares.map((s) => s.x)) - minX) / cell) + 1;
  const scale = 4;
  const quiet = 4;
  const side = (modules + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const s of squares) {
    const col = Math.round((s.x - minX) / cell) + quiet;
    const row = Math.round((s.y - minY) / cell) + quiet;
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const p = ((row * scale + dy) * side + col * scale + dx) * 4;
        pixels[p] = pixels[p + 1] = pixels[p + 2] = 0;
      }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}
