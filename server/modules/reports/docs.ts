/** Each report's view as a ReportDoc (document.ts), for its XLSX and PDF files. Texts in Russian, as printed. */
import type { AttendanceReportView, ClassResultsView, RatesView, ReportCardView, SubjectResultsView, TeacherReportView } from '../../../shared/contracts/reports.js';
import type { AttendanceTotals } from '../../../shared/reports/attendance.js';
import type { Cell, ReportDoc } from './document.js';

const RATE_COLUMNS = ['Всего', '«5»', '«4»', '«3»', '«2»', '«1»', 'н/а', 'Успеваемость', 'Качество', 'СОУ', 'Средний балл'];
const rateCells = (r: RatesView): Cell[] => [
  r.counts.n, r.counts.n5, r.counts.n4, r.counts.n3, r.counts.n2, r.counts.n1, r.counts.notCertified, { pct: r.passRate }, { pct: r.qualityRate }, { pct: r.sou }, { dec: r.average },
];
const period = (p: { kind: string; name: string; yearName: string }) => (p.kind === 'year' ? `Учебный год ${p.yearName}, годовые отметки` : `${p.name}, ${p.yearName}`);

export function classResultsDoc(v: ClassResultsView): ReportDoc {
  return {
    title: `Итоги успеваемости класса ${v.class.name}`,
    subtitle: [v.school.name, period(v.period)],
    fileName: `Итоги ${v.class.name} ${v.period.name}`,
    sections: [
      {
        tables: [
          {
            title: 'Отметки',
            columns: ['№', 'Ученик', ...v.subjects.map((s) => s.name), 'Средний балл'],
            rows: v.pupils.map((p, i) => [i + 1, p.name, ...p.marks, { dec: p.average }]),
            firstColumnWide: false,
          },
          {
            title: 'По предметам',
            columns: ['Предмет', ...RATE_COLUMNS],
            rows: [
              ...v.bySubject.map((s) => [s.subject, ...rateCells(s)]),
              ['Класс', ...rateCells(v.total)],
            ],
            totalRows: 1,
          },
        ],
        lines: [
          `Учеников: ${v.total.pupils}, с отметками: ${v.total.pupilsWithMarks}, без «2» и «н/а»: ${v.total.pupilsPassing}, только на «4» и «5»: ${v.total.pupilsQuality}.`,
        ],
      },
    ],
  };
}

export function subjectResultsDoc(v: SubjectResultsView): ReportDoc {
  return {
    title: `Итоги по предмету «${v.subject.name}»`,
    subtitle: [v.school.name, period(v.period)],
    fileName: `Итоги ${v.subject.name} ${v.period.name}`,
    sections: [{ tables: [{ title: 'По классам', columns: ['Класс', 'Учитель', ...RATE_COLUMNS], rows: [...v.classes.map((c) => [c.className, c.teachers, ...rateCells(c)]), ['Всего', '', ...rateCells(v.total)]], totalRows: 1 }] }],
  };
}

const ATT_COLUMNS = ['Уроков', 'Пропущено уроков', 'Н', 'Б', 'У', 'Опозданий', 'Пропущено дней', 'дней Н', 'дней Б', 'дней У'];
const attCells = (t: AttendanceTotals): Cell[] => [
  t.lessons, t.missed, t.missedByReason.absent, t.missedByReason.ill, t.missedByReason.excused, t.late, t.daysMissed, t.daysByReason.absent, t.daysByReason.ill, t.daysByReason.excused,
];

export function attendanceDoc(v: AttendanceReportView): ReportDoc {
  const tables = [];
  if (v.pupils.length > 0) tables.push({ title: 'По ученикам', columns: ['Ученик', 'Класс', ...ATT_COLUMNS], rows: v.pupils.map((p) => [p.name, p.className, ...attCells(p)]) });
  tables.push({ title: 'По классам', columns: ['Класс', 'Учеников', ...ATT_COLUMNS], rows: [...v.classes.map((c) => [c.className, c.pupils, ...attCells(c)]), ['Всего', '', ...attCells(v.total)]], totalRows: 1 });
  return {
    title: 'Посещаемость',
    subtitle: [v.school.name, `с ${v.from} по ${v.to}`, 'Н — без причины, Б — по болезни, У — по уважительной причине. День пропущен, если пропущены все уроки дня.'],
    fileName: `Посещаемость ${v.from} ${v.to}`,
    landscape: true,
    sections: [{ tables }],
  };
}

export function teacherDoc(v: TeacherReportView): ReportDoc {
  return {
    title: `Нагрузка и ведение журнала: ${v.teacher.name}`,
    subtitle: [v.school.name, v.term ? v.term.name : '', `Часов в неделю: ${v.hoursPerWeek}`],
    fileName: `Учитель ${v.teacher.name} ${v.term?.name ?? ''}`,
    landscape: true,
    sections: [
      {
        tables: [
          {
            columns: ['Класс', 'Предмет', 'Часов', 'Учеников', 'Проведено уроков', 'С темой', 'С д/з', 'С посещаемостью', 'Отметок', 'Отметок на ученика', 'Поздних записей', 'Последняя запись'],
            rows: [
              ...v.courses.map((c) => [
                c.group ? `${c.className} (${c.group})` : c.className, c.subject, c.hoursPerWeek, c.pupils, c.pastLessons, { pct: c.topicShare }, { pct: c.homeworkShare }, { pct: c.attendanceShare },
                c.marks, { dec: c.marksPerPupil }, c.lateEntries, c.lastEntryAt ? c.lastEntryAt.slice(0, 10) : '—',
              ]),
              ['Всего', '', v.hoursPerWeek, '', v.total.pastLessons, { pct: v.total.topicShare }, { pct: v.total.homeworkShare }, { pct: v.total.attendanceShare }, v.total.marks, '', v.total.lateEntries, ''],
            ],
            totalRows: 1,
          },
        ],
      },
    ],
  };
}

export function reportCardsDoc(v: ReportCardView): ReportDoc {
  return {
    title: 'Табель успеваемости',
    subtitle: [v.school.name, `Класс ${v.className}, учебный год ${v.yearName}`],
    fileName: v.cards.length === 1 ? `Табель ${v.cards[0]!.pupil.name}` : `Табели ${v.className}`,
    sections: v.cards.map((c) => ({
      heading: `${c.pupil.name}, ${v.className}`,
      pageBreakBefore: true,
      tables: [
        { columns: ['Предмет', ...v.terms.map((t) => t.name), 'Год'], rows: c.subjects.map((s) => [s.subject, ...s.terms.map((t) => t ?? '—'), s.year ?? '—']) },
        {
          title: 'Посещаемость за год',
          columns: ['Уроков', 'Пропущено уроков', 'из них по болезни', 'по уважительной', 'без причины', 'Опозданий', 'Пропущено дней'],
          rows: [[c.attendance.lessons, c.attendance.missed, c.attendance.missedByReason.ill, c.attendance.missedByReason.excused, c.attendance.missedByReason.absent, c.attendance.late, c.attendance.daysMissed]],
        },
      ],
      lines: ['Классный руководитель ______________________   Родитель (законный представитель) ______________________'],
    })),
  };
}
