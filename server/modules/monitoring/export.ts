/** XLSX of every monitoring screen: the week at each level (for the operator's office), the live dashboards, the plan. */
import type ExcelJS from 'exceljs';
import { excel } from '../../heavy.js';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policy/actor.js';
import { roleGroups, type Figures, type Rates } from '../../../shared/monitoring.js';
import { municipalityDashboard, regionDashboard, schoolDashboard } from './dashboards.js';
import { regionPlan } from './plan.js';
import { municipalityWeek, regionWeek, schoolWeek } from './reports.js';

const groupTitle = { staff: 'Сотрудники', students: 'Ученики', guardians: 'Родители' } as const;
const statusTitle: Record<string, string> = {
  met: 'выполнено',
  on_track: 'по графику',
  at_risk: 'под угрозой',
  overdue: 'просрочено',
  done: 'выполнено',
  open: 'в работе',
  upcoming: 'не начато',
};

function figureHeader(): string[] {
  const h: string[] = [];
  for (const g of roleGroups) h.push(`${groupTitle[g]}: всего`, `${groupTitle[g]}: активировано`, `${groupTitle[g]}: активны 7 дней`);
  h.push('Всего', 'Активировано', 'Активация, %', 'Активны 7 дней, % активированных', 'Уроков прошло', 'С темой', 'Уроки с темой, %', 'Отметок', 'Из них поздно', 'Согласий');
  return h;
}

function figureCells(f: Figures | null, r: Rates | null): Array<number | string> {
  if (!f || !r) return figureHeader().map(() => '');
  const cells: number[] = [];
  for (const g of roleGroups) cells.push(f[g].population, f[g].activated, f[g].active);
  const pop = f.staff.population + f.students.population + f.guardians.population;
  const act = f.staff.activated + f.students.activated + f.guardians.activated;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  cells.push(pop, act, pct(r.activation.total), pct(r.activity), f.lessonsPast, f.lessonsWithTopic, pct(r.topics), f.marksEntered, f.marksLate, f.consents);
  return cells;
}

function sheet(book: ExcelJS.Workbook, name: string, title: string, header: string[], rows: Array<Array<string | number>>) {
  const ws = book.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 14));
  return ws;
}

async function done(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function regionWeekXlsx(ctx: AppContext, actor: Actor, regionId: number, week: string) {
  const w = await regionWeek(ctx, actor, regionId, week);
  const book = new (await excel()).Workbook();
  sheet(book, 'МОУО', `${w.region.name}: еженедельный отчёт за неделю по ${w.week}`, ['МОУО', 'ОУ', 'ОУ подтвердили', 'МОУО подтвердило', ...figureHeader()], [
    ...w.municipalities.map((m) => [m.name, m.schools, m.schoolsConfirmed, m.confirmation ? m.confirmation.at.slice(0, 10) : '', ...figureCells(m.figures, m.rates)]),
    ['Итого по региону', '', '', '', ...figureCells(w.figures, w.rates)],
  ]);
  sheet(book, 'Рейтинг', `«Самые активные МОУО», неделя по ${w.week}`, ['Место', 'МОУО', 'Балл', 'Активация, %', 'Активность, %', 'Темы уроков, %'], w.ranking.map((r) => [
    r.place, r.name, Math.round(r.score * 1000) / 1000, Math.round(r.rates.activation.total * 1000) / 10, Math.round(r.rates.activity * 1000) / 10, Math.round(r.rates.topics * 1000) / 10,
  ]));
  return { filename: `otchet-region-${w.week}.xlsx`, body: await done(book) };
}

export async function municipalityWeekXlsx(ctx: AppContext, actor: Actor, municipalityId: number, week: string) {
  const w = await municipalityWeek(ctx, actor, municipalityId, week);
  const book = new (await excel()).Workbook();
  sheet(book, 'ОУ', `${w.municipality.name}: еженедельный отчёт за неделю по ${w.week}`, ['ОУ', 'Подтверждено', 'Комментарий', ...figureHeader()], [
    ...w.schools.map((s) => [s.name, s.confirmation ? s.confirmation.at.slice(0, 10) : '', s.confirmation?.comment ?? '', ...figureCells(s.figures, s.rates)]),
    ['Итого по МОУО', w.confirmation ? w.confirmation.at.slice(0, 10) : '', w.confirmation?.comment ?? '', ...figureCells(w.figures, w.rates)],
  ]);
  return { filename: `otchet-mouo-${municipalityId}-${w.week}.xlsx`, body: await done(book) };
}

export async function schoolWeekXlsx(ctx: AppContext, actor: Actor, schoolId: number, week: string) {
  const w = await schoolWeek(ctx, actor, schoolId, week);
  const book = new (await excel()).Workbook();
  sheet(book, 'ОУ', `${w.school.name}: еженедельный отчёт за неделю по ${w.week}`, ['ОУ', 'Подтверждено', 'Комментарий', ...figureHeader()], [
    [w.school.name, w.confirmation ? w.confirmation.at.slice(0, 10) : '', w.confirmation?.comment ?? '', ...figureCells(w.figures, w.rates)],
  ]);
  return { filename: `otchet-ou-${schoolId}-${w.week}.xlsx`, body: await done(book) };
}

/** The live dashboard of a level as on screen (the municipalities or schools or classes table). */
export async function dashboardXlsx(ctx: AppContext, actor: Actor, level: 'region' | 'municipality' | 'school', id: number) {
  const book = new (await excel()).Workbook();
  if (level === 'region') {
    const d = await regionDashboard(ctx, actor, id);
    sheet(book, 'МОУО', `${d.region.name}: внедрение на ${d.date}`, ['МОУО', 'Статус', ...figureHeader()], [
      ...d.municipalities.map((m) => [m.name, statusTitle[m.target.status]!, ...figureCells(m.figures, m.rates)]),
      ['Итого', statusTitle[d.totals.target.status]!, ...figureCells(d.totals.figures, d.totals.rates)],
    ]);
    sheet(book, 'Рейтинг', '«Самые активные МОУО»', ['Место', 'МОУО', 'Балл'], d.ranking.map((r) => [r.place, r.name, Math.round(r.score * 1000) / 1000]));
  } else if (level === 'municipality') {
    const d = await municipalityDashboard(ctx, actor, id);
    sheet(book, 'ОУ', `${d.municipality.name}: внедрение на ${d.date}`, ['ОУ', 'Статус', ...figureHeader()], [
      ...d.schools.map((s) => [s.name, statusTitle[s.target.status]!, ...figureCells(s.figures, s.rates)]),
      ['Итого', statusTitle[d.totals.target.status]!, ...figureCells(d.totals.figures, d.totals.rates)],
    ]);
  } else {
    const d = await schoolDashboard(ctx, actor, id);
    sheet(book, 'Классы', `${d.school.name}: активация по классам на ${d.date}`, ['Класс', 'Ученики', 'Активировано', 'Родители', 'Активировано', 'Активация, %'], d.classes.map((c) => [
      c.name, c.students.population, c.students.activated, c.guardians.population, c.guardians.activated, Math.round(c.rate * 1000) / 10,
    ]));
  }
  return { filename: `vnedrenie-${level}-${id}.xlsx`, body: await done(book) };
}

export async function planXlsx(ctx: AppContext, actor: Actor, regionId: number) {
  const p = await regionPlan(ctx, actor, regionId);
  const levelTitle = { region: 'Региональный', municipality: 'Муниципальный', school: 'ОУ' } as const;
  const book = new (await excel()).Workbook();
  sheet(book, 'План', `План мероприятий на ${p.date}`, ['Уровень', 'Мероприятие', 'Начало', 'Срок', 'Ответственные', 'Вид', 'Цель, %', 'Статус', 'Отметка о выполнении'], p.milestones.map((m) => [
    levelTitle[m.level], m.text, m.startsOn ?? '', m.deadline, m.responsible, m.kind === 'automatic' ? 'автоматически' : 'вручную', m.target == null ? '' : Math.round(m.target * 100),
    statusTitle[m.status]!, m.done ? `${m.done.on} ${m.done.note}` : '',
  ]));
  return { filename: `plan-${regionId}.xlsx`, body: await done(book) };
}
