/**
 * PDF files of the reports (pdfmake 0.3, Roboto with Cyrillic): numbered
 * pages, and for documents that ask for it places for the director's
 * signature and the school's seal. The year-end archive's large documents are
 * laid out by pdf-pages.ts instead. Fonts are read from disk;
 * every other file or URL is refused, so report text can pull nothing in.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { cellText, type DocTable, type ReportDoc } from './document.js';

const require = createRequire(import.meta.url);
const robotoFonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
const fontDir = dirname(robotoFonts.Roboto.normal!);

type Pdfmake = typeof import('pdfmake');
let printer: Promise<Pdfmake> | null = null;
/** pdfmake is loaded with the first report PDF, not at every start (it is large). */
function pdfmake(): Promise<Pdfmake> {
  printer ??= import('pdfmake').then((module) => {
    const instance = ((module as { default?: Pdfmake }).default ?? module) as Pdfmake;
    instance.setFonts(robotoFonts);
    instance.setUrlAccessPolicy(() => false);
    instance.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    return instance;
  });
  return printer;
}

/** A table: the name column takes the free width, the others their content's. */
function table(t: DocTable, fontSize: number): Content {
  const widths = t.columns.map((_, i) => (i === 0 && t.firstColumnWide !== false ? '*' : 'auto'));
  const body = [
    t.columns.map((c) => ({ text: c, bold: true, fillColor: '#eeeeee' })),
    ...t.rows.map((r, i) => r.map((c) => ({ text: cellText(c), bold: !!t.totalRows && i >= t.rows.length - t.totalRows }))),
  ];
  return {
    stack: [
      ...(t.title ? [{ text: t.title, bold: true, margin: [0, 6, 0, 3] as [number, number, number, number] }] : []),
      { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 }, fontSize },
    ],
    margin: [0, 0, 0, 8],
  };
}

const signatureBlock = (): Content => ({
  margin: [0, 24, 0, 0],
  unbreakable: true,
  stack: [
    { columns: [{ text: 'Директор ______________________ / ______________________ /', width: '*' }, { text: 'Дата «____» ______________ 20___ г.', width: 'auto' }] },
    { text: 'М. П.', margin: [40, 18, 0, 0] },
  ],
});

export function definition(doc: ReportDoc): TDocumentDefinitions {
  const wide = doc.landscape ?? doc.sections.some((s) => s.tables.some((t) => t.columns.length > 9));
  const maxColumns = Math.max(0, ...doc.sections.flatMap((s) => s.tables.map((t) => t.columns.length)));
  const fontSize = maxColumns > 24 ? 6 : maxColumns > 14 ? 7 : 9;
  const content: Content[] = [{ text: doc.title, style: 'title' }, ...doc.subtitle.map((line) => ({ text: line, style: 'subtitle' }))];
  doc.sections.forEach((s, i) => {
    const parts: Content[] = [];
    if (s.heading) parts.push({ text: s.heading, style: 'heading' });
    for (const t of s.tables) parts.push(table(t, fontSize));
    for (const line of s.lines ?? []) parts.push({ text: line, margin: [0, 4, 0, 2] });
    content.push({ stack: parts, ...(s.pageBreakBefore && i > 0 ? { pageBreak: 'before' as const } : {}) });
  });
  if (doc.signature) content.push(signatureBlock());
  return {
    info: { title: doc.title, creator: 'Otmetka' },
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [30, 30, 30, 36],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: { title: { fontSize: 14, bold: true, margin: [0, 0, 0, 4] }, subtitle: { fontSize: 10, color: '#333333' }, heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] } },
    footer: (current: number, total: number) => ({ text: `Стр. ${current} из ${total}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    content,
  };
}

export async function toPdf(doc: ReportDoc): Promise<Buffer> {
  return (await pdfmake()).createPdf(definition(doc)).getBuffer();
}
