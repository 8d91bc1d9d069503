/**
 * A small page layout over pdfkit for the year-end archive's large documents:
 * text lines, tables with fixed column widths (the header repeated on every
 * page, rows never split), page breaks, the signature and seal block, and a
 * footer with "Стр. N из M". pdfmake's generic layout measured every cell of
 * every table and kept the whole document in memory (≈ 7 s and hundreds of
 * MB per class); here a table row costs a few width look-ups and one path.
 *
 * The flow runs twice over the same blocks: once only to count pages (text is
 * measured, nothing is drawn), then to draw, so the footer knows the total
 * while every finished page is streamed to the file at once. Fonts: Roboto,
 * with Cyrillic, shared between documents (pdf-fonts.ts).
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Face, registerFonts, sharedWidth } from './pdf-fonts.js';

export interface TextBlock {
  kind: 'text';
  text: string;
  size: number;
  bold?: boolean;
  center?: boolean;
  /** Space above and below, in points. */
  before?: number;
  after?: number;
}

export interface TableBlock {
  kind: 'table';
  title?: string;
  /** Column widths in points; scaled down together when wider than the page. */
  widths: number[];
  header: string[];
  /** An optional first header row of column groups, e.g. a subject over its terms' columns. */
  groups?: Array<{ text: string; span: number }>;
  rows: string[][];
  size: number;
}

export type Block = TextBlock | TableBlock | { kind: 'pageBreak' } | { kind: 'signature' };

export interface PageSetup {
  title: string;
  /** The footer line of a page, e.g. `5А, 2026/2027. Стр. 3 из 40`. */
  footer: (page: number, total: number) => string;
}

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape
const MARGIN = { left: 28, top: 28, right: 28, bottom: 34 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const PAD = { x: 4, y: 2 };
const TITLE_SIZE = 8;
const TABLE_GAP = 8;
const LINE = 0.5;
/** Pages laid out between two yields to the event loop (the archive runs inside the server). */
const PAGES_PER_YIELD = 1;



/** Measuring and drawing over one pdfkit document; `draw` false only measures and counts. */
class Painter {
  pages = 0;
  y = MARGIN.top;
  draw = false;
  total = 0;
  private face: Face | null = null;
  private size = 0;
  private readonly wrapCache = new Map<string, string[]>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly setup: PageSetup,
  ) {}

  private use(face: Face, size: number): void {
    if (this.face !== face || this.size !== size) {
      this.doc.font(face).fontSize(size);
      this.face = face;
      this.size = size;
    }
  }

  lineHeight(size: number): number {
    // Roboto: (ascender − descender) / unitsPerEm, as pdfkit and pdfmake use it.
    return size * 1.171875;
  }

  /** The width of a line: from the shared font's advances, or pdfkit's measure before one is shared. */
  width(text: string, face: Face, size: number): number {
    const w = sharedWidth(text, face, size);
    if (w !== null) return w;
    this.use(face, size);
    return this.doc.widthOfString(text);
  }

  /** Lines of a text within a width: words kept whole where they fit, long words cut. */
  wrap(text: string, face: Face, size: number, width: number): string[] {
    if (text === '') return [];
    if (this.width(text, face, size) <= width) return [text];
    const key = `${face}${size}:${width}\u0000${text}`;
    const cached = this.wrapCache.get(key);
    if (cached) return cached;
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, face, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (this.width(line, face, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && this.width(line.slice(0, cut), face, size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line) lines.push(line);
    this.wrapCache.set(key, lines);
    return lines;
  }

  text(text: string, face: Face, size: number, x: number, y: number): void {
    if (!this.draw || text === '') return;
    this.use(face, size);
    this.doc.text(text, x, y, { lineBreak: false });
  }

  async newPage(): Promise<void> {
    if (this.pages > 0 && this.draw) this.footer();
    this.pages++;
    this.y = MARGIN.top;
    if (this.draw) {
      this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      this.face = null;
    }
    if (this.pages % PAGES_PER_YIELD === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  footer(): void {
    const line = this.setup.footer(this.pages, this.total);
    this.text(line, 'normal', 7, MARGIN.left + (CONTENT_WIDTH - this.width(line, 'normal', 7)) / 2, BOTTOM + 10);
  }

  room(): number {
    return BOTTOM - this.y;
  }
}

function textHeight(p: Painter, b: TextBlock): number {
  return p.wrap(b.text, b.bold ? 'bold' : 'normal', b.size, CONTENT_WIDTH).length * p.lineHeight(b.size);
}

function drawText(p: Painter, b: TextBlock): void {
  const face = b.bold ? 'bold' : 'normal';
  for (const line of p.wrap(b.text, face, b.size, CONTENT_WIDTH)) {
    const x = b.center ? MARGIN.left + (CONTENT_WIDTH - p.width(line, face, b.size)) / 2 : MARGIN.left;
    p.text(line, face, b.size, x, p.y);
    p.y += p.lineHeight(b.size);
  }
}

interface Heights {
  /** The group row (0 without groups) and the column header row. */
  groups: number;
  header: number;
  rows: Float64Array;
}

/** Spans of the group row as column widths. */
function groupWidths(t: TableBlock, widths: number[]): number[] {
  let col = 0;
  return (t.groups ?? []).map((g) => {
    let w = 0;
    for (let i = 0; i < g.span; i++) w += widths[col++] ?? 0;
    return w;
  });
}

/** Heights of the header rows and of each row (the tallest wrapped cell plus padding). */
function rowHeights(p: Painter, t: TableBlock, widths: number[]): Heights {
  const lh = p.lineHeight(t.size);
  const height = (cells: string[], face: Face, w: number[]) => {
    let lines = 1;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.length > 2) lines = Math.max(lines, p.wrap(cell, face, t.size, w[i]! - 2 * PAD.x).length);
    }
    return lines * lh + 2 * PAD.y;
  };
  const rows = new Float64Array(t.rows.length);
  for (let r = 0; r < t.rows.length; r++) rows[r] = height(t.rows[r]!, 'normal', widths);
  const groups = t.groups ? height(t.groups.map((g) => g.text), 'bold', groupWidths(t, widths)) : 0;
  return { groups, header: groups + height(t.header, 'bold', widths), rows };
}

/** Draws rows [from, to) of a table, with its header, at the current y. */
function drawRows(p: Painter, t: TableBlock, widths: number[], h: Heights, from: number, to: number): void {
  if (!p.draw) {
    for (let r = from; r < to; r++) p.y += h.rows[r]!;
    p.y += h.header;
    return;
  }
  const doc = p.doc;
  const top = p.y;
  const left = MARGIN.left;
  const right = left + widths.reduce((a, b) => a + b, 0);
  doc.rect(left, top, right - left, h.header).fill('#eeeeee');
  doc.fillColor('#000000');
  const lh = p.lineHeight(t.size);
  const cells = (row: string[], face: Face, y: number, w: number[]) => {
    let x = left;
    for (let i = 0; i < w.length; i++) {
      const cell = row[i] ?? '';
      if (cell !== '') {
        const lines = cell.length > 2 ? p.wrap(cell, face, t.size, w[i]! - 2 * PAD.x) : [cell];
        for (let l = 0; l < lines.length; l++) p.text(lines[l]!, face, t.size, x + PAD.x, y + PAD.y + l * lh);
      }
      x += w[i]!;
    }
  };
  const spans = groupWidths(t, widths);
  if (t.groups) cells(t.groups.map((g) => g.text), 'bold', top, spans);
  cells(t.header, 'bold', top + h.groups, widths);
  let y = top + h.header;
  const ys = [top, y];
  if (t.groups) {
    // Under the group row, except over columns whose group is blank (the name column).
    let x = left;
    t.groups.forEach((g, i) => {
      if (g.text !== '') doc.moveTo(x, top + h.groups).lineTo(x + spans[i]!, top + h.groups);
      x += spans[i]!;
    });
  }
  for (let r = from; r < to; r++) {
    cells(t.rows[r]!, 'normal', y, widths);
    y += h.rows[r]!;
    ys.push(y);
  }
  // The grid as one path: a horizontal line under every row, a vertical line at every column edge.
  doc.lineWidth(LINE);
  for (const yy of ys) doc.moveTo(left, yy).lineTo(right, yy);
  // Inside a group, column edges start under the group row.
  const groupEdges = new Set<number>();
  for (let i = 0, col = 0; i < (t.groups?.length ?? 0); i++) groupEdges.add((col += t.groups![i]!.span));
  let x = left;
  doc.moveTo(x, top).lineTo(x, y);
  widths.forEach((w, i) => {
    x += w;
    doc.moveTo(x, t.groups && !groupEdges.has(i + 1) ? top + h.groups : top).lineTo(x, y);
  });
  doc.stroke('#000000');
  p.y = y;
}

async function flowTable(p: Painter, t: TableBlock): Promise<void> {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = total > CONTENT_WIDTH ? t.widths.map((w) => (w * CONTENT_WIDTH) / total) : t.widths;
  const h = rowHeights(p, t, widths);
  const titleHeight = t.title ? 6 + p.lineHeight(TITLE_SIZE) + 3 : 0;
  // The title stays with the header and the first row.
  if (p.room() < titleHeight + h.header + (h.rows[0] ?? 0) && p.y > MARGIN.top) await p.newPage();
  if (t.title) {
    p.y += 6;
    drawText(p, { kind: 'text', text: t.title, size: TITLE_SIZE, bold: true });
    p.y += 3;
  }
  let from = 0;
  do {
    let to = from;
    let used = h.header;
    while (to < t.rows.length && (used + h.rows[to]! <= p.room() || to === from)) used += h.rows[to++]!;
    if (to === from + 1 && used > p.room() && p.y > MARGIN.top) {
      // Not even one row fits below what is already on the page.
      await p.newPage();
      continue;
    }
    drawRows(p, t, widths, h, from, to);
    from = to;
    if (from < t.rows.length) await p.newPage();
  } while (from < t.rows.length);
  p.y += TABLE_GAP;
}

async function flowSignature(p: Painter): Promise<void> {
  const lh = p.lineHeight(TITLE_SIZE);
  const height = 24 + lh + 18 + lh;
  if (p.room() < height) await p.newPage();
  else p.y += 24;
  const left = 'Директор ______________________ / ______________________ /';
  const right = 'Дата «____» ______________ 20___ г.';
  p.text(left, 'normal', TITLE_SIZE, MARGIN.left, p.y);
  p.text(right, 'normal', TITLE_SIZE, MARGIN.left + CONTENT_WIDTH - p.width(right, 'normal', TITLE_SIZE), p.y);
  p.y += lh + 18;
  p.text('М. П.', 'normal', TITLE_SIZE, MARGIN.left + 40, p.y);
  p.y += lh;
}

async function flow(p: Painter, blocks: Iterable<Block>): Promise<void> {
  await p.newPage();
  for (const b of blocks) {
    if (b.kind === 'pageBreak') {
      await p.newPage();
    } else if (b.kind === 'text') {
      p.y += b.before ?? 0;
      if (p.room() < textHeight(p, b) && p.y > MARGIN.top) await p.newPage();
      drawText(p, b);
      p.y += b.after ?? 0;
    } else if (b.kind === 'table') {
      await flowTable(p, b);
    } else {
      await flowSignature(p);
    }
  }
  if (p.draw) p.footer();
}

let pdfkitModule: Promise<typeof import('pdfkit')> | null = null;
/** pdfkit (≈ 28 MB resident) is loaded with the first archive, not at every start. */
function pdfkit(): Promise<typeof import('pdfkit')> {
  pdfkitModule ??= import('pdfkit').then((m) => ((m as { default?: typeof import('pdfkit') }).default ?? m) as typeof import('pdfkit'));
  return pdfkitModule;
}

/**
 * Writes the blocks as a PDF file, page by page. `blocks` is called once per
 * pass, so it may build its blocks lazily (a generator).
 */
export async function writePages(file: string, setup: PageSetup, blocks: () => Iterable<Block>): Promise<{ pages: number }> {
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: false, compress: true, info: { Title: setup.title, Creator: 'Otmetka', Producer: 'Otmetka' } });
  registerFonts(doc);
  const painter = new Painter(doc, setup);
  await flow(painter, blocks());
  const total = painter.pages;
  painter.pages = 0;
  painter.total = total;
  painter.draw = true;
  const out = createWriteStream(file);
  doc.pipe(out);
  await flow(painter, blocks());
  doc.end();
  await finished(out);
  return { pages: total };
}
