/**
 * The archive's fonts: Roboto (regular and medium, with Cyrillic) from
 * pdfmake's package, read from disk once per process, and pdfkit's parsed
 * copies of them shared between documents.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const roboto = (require('pdfmake/fonts/Roboto.js') as { Roboto: Record<'normal' | 'bold', string> }).Roboto;
let fontData: { normal: Buffer; bold: Buffer } | null = null;
const fonts = () => (fontData ??= { normal: readFileSync(roboto.normal), bold: readFileSync(roboto.bold) });
export type Face = 'normal' | 'bold';

interface FontkitFont {
  unitsPerEm: number;
  createSubset(): unknown;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}
const shared: Partial<Record<Face, FontkitFont>> = {};
/** pdfkit's shaped words (glyphs and positions, the same in every document), shared and bounded. */
const layoutCaches: Partial<Record<Face, Record<string, unknown>>> = {};
const MAX_CACHED_WORDS = 20_000;
/** Advance widths per code point at size 1, per face: the measuring never allocates. */
const advances: Record<Face, Map<number, number>> = { normal: new Map(), bold: new Map() };

/**
 * pdfkit parses its own copy of each font for every document (fontkit), and
 * the archive writes one document per class. The parsed font is read-only,
 * so the first document's copy serves every later document, and so do the
 * words pdfkit has shaped with it: only the subset of glyphs to embed stays
 * per document. Without this, each class left megabytes of parsed font
 * tables and shaped words behind for the garbage collector. Skipped if
 * pdfkit's internals differ from those of the pinned version.
 */
function shareFonts(doc: PDFKit.PDFDocument): void {
  for (const face of ['normal', 'bold'] as const) {
    doc.font(face);
    const embedded = (doc as unknown as { _font?: { font?: FontkitFont; subset?: unknown; layoutCache?: Record<string, unknown> } })._font;
    if (!embedded?.font || typeof embedded.font.createSubset !== 'function' || !embedded.subset || !embedded.layoutCache) continue;
    const font = (shared[face] ??= embedded.font);
    if (embedded.font !== font) {
      embedded.font = font;
      embedded.subset = font.createSubset();
    }
    let words = layoutCaches[face];
    if (!words || Object.keys(words).length > MAX_CACHED_WORDS) words = layoutCaches[face] = Object.create(null) as Record<string, unknown>;
    embedded.layoutCache = words;
  }
}

/** Registers the faces 'normal' and 'bold' with a new document, sharing the parsed fonts. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const { normal, bold } = fonts();
  doc.registerFont('normal', normal);
  doc.registerFont('bold', bold);
  shareFonts(doc);
}

/**
 * The width of a line from the shared font: the sum of its glyphs' advances
 * (kerning left out, a fraction of a point, covered by the cells' padding).
 * Looks each character up once per process and allocates nothing; null
 * before a font could be shared.
 */
export function sharedWidth(text: string, face: Face, size: number): number | null {
  const font = shared[face];
  if (!font) return null;
  const table = advances[face];
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let a = table.get(cp);
    if (a === undefined) {
      a = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
      table.set(cp, a);
    }
    w += a;
  }
  return w * size;
}
