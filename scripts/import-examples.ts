/**
 * Writes the example import files of docs/import-formats.md under
 * docs/examples/: one CSV per list (UTF-8 with BOM, «;», as Excel saves it)
 * and the pupils list also as XLSX. `npx tsx scripts/import-examples.ts`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '../server/modules/imports/csv.js';
import { writeXlsx } from '../server/modules/imports/xlsx.js';
import { importColumns, type ImportKind } from '../shared/imports.js';

const rows: Record<ImportKind, string[][]> = {
  students: [
    ['У-0001', 'Иванов', 'Пётр', 'Сергеевич', '12.03.2015', '5А', 'Иванова', 'Мария', 'Петровна', 'мать', '+7 914 123-45-67', 'ivanova@example.ru', 'Иванов', 'Сергей', 'Павлович', 'отец', '+7 914 765-43-21', ''],
    ['У-0002', 'Иванова', 'Анна', 'Сергеевна', '2014-01-30', '6А', 'Иванова', 'Мария', 'Петровна', 'мать', '+7 914 123-45-67', 'ivanova@example.ru', '', '', '', '', '', ''],
    ['', 'Смирнов', 'Олег', '', '01.09.2015', '5Б', 'Смирнова', 'Елена', 'Игоревна', 'опекун', '', '', '', '', '', '', '', ''],
  ],
  staff: [
    ['С-01', 'Кузнецова', 'Анна', 'Викторовна', '', 'учитель математики', 'учитель, завуч', '+7 914 000-00-01', 'kuznetsova@example.ru'],
    ['С-02', 'Орлов', 'Пётр', 'Иванович', '', 'учитель истории', 'учитель', '', ''],
    ['С-03', 'Лебедева', 'Нина', 'Андреевна', '', 'директор', 'директор', '', ''],
  ],
  classes: [
    ['5А', '1', 'Кузнецова Анна Викторовна'],
    ['5Б', '1', ''],
    ['6А', '2', 'Орлов П.И.'],
  ],
  courses: [
    ['5А', '', 'Математика', 'Кузнецова Анна Викторовна', '5'],
    ['5А', '1 группа', 'Английский язык', 'Орлов Пётр Иванович', '3'],
    ['6А', '', 'История', 'Орлов П.И.', '2'],
  ],
  timetable: [
    ['5А', '', 'пн', '1', 'Математика', '', '12'],
    ['5А', '1 группа', 'вторник', '2', 'Английский язык', 'Орлов П.И.', '21'],
    ['6А', '', '3', '1', 'История', '', '14'],
  ],
};

const dir = join(import.meta.dirname, '..', 'docs', 'examples');
for (const [kind, data] of Object.entries(rows) as [ImportKind, string[][]][]) {
  writeFileSync(join(dir, `${kind}.csv`), toCsv([importColumns[kind].map((c) => c.ru), ...data]));
}
writeFileSync(join(dir, 'students.xlsx'), await writeXlsx([{ name: 'Ученики', header: importColumns.students.map((c) => c.ru), rows: rows.students }]));
console.log(`examples written to ${dir}`);
