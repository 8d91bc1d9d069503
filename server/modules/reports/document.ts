/**
 * One neutral shape for every report file: titled sections of tables. The
 * XLSX and PDF builders render it, so both files always carry the same figures.
 */
export type Cell = string | number | null | { pct: number | null } | { dec: number | null };

export interface DocTable {
  title?: string;
  columns: string[];
  rows: Cell[][];
  /** The last rows are totals (bold). */
  totalRows?: number;
  /** Relative widths; the first column (names) usually wider. */
  firstColumnWide?: boolean;
}

export interface DocSection {
  heading?: string;
  lines?: string[];
  tables: DocTable[];
  /** Starts on a new page (report cards: one pupil per page). */
  pageBreakBefore?: boolean;
}

export interface ReportDoc {
  title: string;
  /** School, class, period: printed under the title and in the first rows of each sheet. */
  subtitle: string[];
  sections: DocSection[];
  landscape?: boolean;
  /** Places for the director's signature and the school's seal (archive documents). */
  signature?: boolean;
  /** File name without extension, ASCII-safe form derived separately. */
  fileName: string;
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  if ('pct' in cell) return cell.pct === null ? '—' : `${(Math.round(cell.pct * 1000) / 10).toFixed(1).replace('.', ',')} %`;
  return cell.dec === null ? '—' : cell.dec.toFixed(2).replace('.', ',');
}

/** A Content-Disposition value with a Unicode name and an ASCII fallback. */
export function attachment(name: string, ext: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'report';
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
}
