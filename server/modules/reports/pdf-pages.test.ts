import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Block, writePages } from './pdf-pages.js';
import { pdfText } from './pdf-text.js';

const dir = mkdtempSync(join(tmpdir(), 'otmetka-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(name: string, blocks: Block[]) {
  const file = join(dir, `${name}.pdf`);
  const { pages } = await writePages(file, { title: name, footer: (n, total) => `Журнал. Стр. ${n} из ${total}` }, () => blocks);
  const text = pdfText(readFileSync(file));
  return { pages, text, pageTexts: text.split('\f').filter((p) => p.trim()) };
}

describe('the archive page layout', () => {
  it('breaks a long table across pages with its header on each page, whole rows, and numbered pages', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Ученица${String(i + 1).padStart(3, '0')} Яна`, String((i % 4) + 2), i % 7 === 0 ? 'Н' : '']);
    const { pages, pageTexts } = await render('long', [{ kind: 'text', text: 'Алгебра — 7Б', size: 13, bold: true }, { kind: 'table', title: '1 четверть', widths: [120, 34, 34], header: ['Ученик', '01.09', 'Итог'], rows, size: 7 }]);
    expect(pages).toBeGreaterThan(1);
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, i) => {
      expect(page).toMatch(/Ученик\s+01\.09\s+Итог/);
      expect(page).toContain(`Журнал. Стр. ${i + 1} из ${pages}`);
    });
    // Every row exactly once, in order, each on one line with its cells.
    const all = pageTexts.join('\n');
    for (const row of rows) expect(all).toMatch(new RegExp(`${row[0]}\\s+${row[1]}${row[2] ? `\\s+${row[2]}` : ''}\\s*\\n`));
    expect(all.match(/Ученица\d{3}/g)).toEqual(rows.map((r) => r[0]!.split(' ')[0]));
  });

  it('wraps long cells, groups columns under a heading, and keeps the signature block together', async () => {
    const topic = 'Причастный оборот. Знаки препинания при причастном обороте и одиночном причастии, повторение и закрепление пройденного материала';
    const { pages, text } = await render('wrap', [
      { kind: 'table', widths: [60, 120], header: ['Дата', 'Тема урока'], rows: [['2026-09-01', topic]], size: 7 },
      { kind: 'table', widths: [120, 32, 32], header: ['Ученик', '1', 'год'], groups: [{ text: '', span: 1 }, { text: 'Математика', span: 2 }], rows: [['Ученик01', '5', '4']], size: 7 },
      { kind: 'signature' },
    ]);
    expect(pages).toBe(1);
    // Every word of the topic is printed, over several lines.
    for (const word of topic.split(' ')) expect(text).toContain(word);
    expect(text).toMatch(/Математика\s*\n\s*Ученик\s+1\s+год/);
    expect(text).toMatch(/Директор _+ \/ _+ \/\s+Дата «____» _+ 20___ г\.\s+М\. П\./);
  });
});
