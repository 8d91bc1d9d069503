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
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Writes rows as `;`-separated UTF-8 CSV with a BOM, which Excel opens with Cyrillic intact. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\ufeff${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}
