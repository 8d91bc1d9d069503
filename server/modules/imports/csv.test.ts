import { describe, expect, it } from 'vitest';
import { decodeText, detectSeparator, parseCsv, toCsv } from './csv.js';

describe('csv', () => {
  it('parses quotes, doubled quotes, separators and line breaks inside quotes, CRLF and empty cells', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n"x\ny";;z\r\n', ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['x\ny', '', 'z'],
    ]);
    expect(parseCsv('a,b\n1,2', ',')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b;\n', ';')).toEqual([['a', 'b', '']]);
  });

  it('keeps blank lines so row numbers match the file', () => {
    expect(parseCsv('h\n\nv\n', ';')).toEqual([['h'], [''], ['v']]);
  });

  it('detects «;», «,» and tab, ignoring separators inside quotes', () => {
    expect(detectSeparator('Фамилия;Имя;Класс\n')).toBe(';');
    expect(detectSeparator('"a;b",c,d\n')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
  });

  it('decodes UTF-8 with and without BOM, and Windows-1251', () => {
    expect(decodeText(Buffer.from('\ufeffЁлка', 'utf8'))).toBe('Ёлка');
    expect(decodeText(Buffer.from('Ёлка', 'utf8'))).toBe('Ёлка');
    expect(decodeText(Buffer.from([0xa8, 0xeb, 0xea, 0xe0]))).toBe('Ёлка');
  });

  it('round-trips what toCsv writes', () => {
    const rows = [['Фамилия', 'Имя'], ['О"Нил', 'a;b']];
    expect(parseCsv(decodeText(Buffer.from(toCsv(rows), 'utf8')))).toEqual(rows);
  });
});
