/**
 * Activation letters for a class or a whole school: one letter per pupil and
 * per guardian whose account is not yet activated. Printing issues fresh
 * codes (the plain code exists only in this PDF), which voids any code printed
 * before; all codes of one print are issued in one transaction.
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { localDateOf } from '../../../shared/dates.js';
import type { ClassList, LettersBody } from '../../../shared/contracts/imports.js';
import { issueActivationCode } from '../accounts/accounts.service.js';
import { schoolSettings } from '../structure/structure.service.js';
import * as eq from './export.queries.js';
import { schoolInScope } from './imports.service.js';
import * as q from './imports.queries.js';
import { lettersPdf, type Letter } from './letters.pdf.js';

const RELATION_WORDS: Record<string, string> = { mother: 'мать', father: 'отец', other: 'законный представитель' };
const fullName = (p: { surname: string; name: string; patronymic: string }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

export async function classesForLetters(ctx: AppContext, actor: Actor, schoolId: number): Promise<ClassList> {
  await schoolInScope(ctx, actor, schoolId, 'letters.print');
  const db = ctx.db.kysely;
  const year = await q.currentYear(db, schoolId, localDateOf(ctx.clock.now(), ctx.config.timeZone));
  if (!year) return { yearName: null, classes: [] };
  const [classes, pupils, name] = await Promise.all([q.classesOfYear(db, schoolId, year.id), eq.currentPupils(db, schoolId, year.id), eq.yearName(db, year.id)]);
  const guardians = await eq.guardiansOf(db, schoolId, pupils.map((p) => p.id));
  const accounts = await eq.accountsByPerson(db, [...pupils.map((p) => p.id), ...guardians.map((g) => g.id)]);
  const pending = (id: number) => accounts.get(id)?.status !== 'active' && accounts.get(id)?.status !== 'blocked';
  return {
    yearName: name?.name ?? null,
    classes: classes.map((c) => {
      const members = pupils.filter((p) => p.class_id === c.id);
      const ids = new Set(members.map((p) => p.id));
      const people = new Set([...members.map((p) => p.id), ...guardians.filter((g) => ids.has(g.student_person_id)).map((g) => g.id)]);
      return { id: c.id, name: c.name, grade: c.grade, students: members.length, pending: [...people].filter(pending).length };
    }),
  };
}

export async function printLetters(ctx: AppContext, actor: Actor, schoolId: number, input: LettersBody): Promise<{ filename: string; bytes: Buffer; letters: number }> {
  const school = await schoolInScope(ctx, actor, schoolId, 'letters.print');
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const today = localDateOf(now, ctx.config.timeZone);
  const year = await q.currentYear(db, schoolId, today);
  if (input.classId !== undefined) {
    const classes = year ? await q.classesOfYear(db, schoolId, year.id) : [];
    if (!classes.some((c) => c.id === input.classId)) throw new AppError('class_not_found', { field: '/body/classId' });
  }
  const settings = await schoolSettings(ctx, schoolId);
  const letters = await db.transaction().execute(async (trx) => {
    const pupils = year ? await eq.currentPupils(trx, schoolId, year.id, input.classId) : [];
    const guardians = await eq.guardiansOf(trx, schoolId, pupils.map((p) => p.id));
    const accounts = await eq.accountsByPerson(trx, [...pupils.map((p) => p.id), ...guardians.map((g) => g.id)]);
    const out: Letter[] = [];
    const printed = new Set<number>();
    const issue = async (personId: number, recipient: string, role: string) => {
      const account = accounts.get(personId);
      // Activated and blocked accounts get no letter: a new code would not help them and would void nothing useful.
      if (printed.has(personId) || account?.status === 'active' || account?.status === 'blocked') return;
      printed.add(personId);
      const { code, expiresAt } = await issueActivationCode(trx, personId, now);
      out.push({ recipient, role, code, login: account?.login ?? null, expiresOn: localDateOf(new Date(expiresAt), ctx.config.timeZone) });
    };
    const byStudent = new Map<number, typeof guardians>();
    for (const g of guardians) byStudent.set(g.student_person_id, [...(byStudent.get(g.student_person_id) ?? []), g]);
    for (const p of pupils) {
      await issue(p.id, fullName(p), `ученик ${p.class_name} класса`);
      for (const g of byStudent.get(p.id) ?? []) {
        await issue(g.id, fullName(g), `${RELATION_WORDS[g.relation] ?? 'родитель'}: ${fullName(p)}, ${p.class_name} класс`);
      }
    }
    return out;
  });
  const bytes = await lettersPdf(
    { schoolName: school.name, activateUrl: `${ctx.config.publicUrl.replace(/\/$/, '')}/activate`, accessInstructions: settings.accessInstructions },
    letters,
  );
  const suffix = input.classId !== undefined ? `class-${input.classId}` : 'school';
  return { filename: `letters-${schoolId}-${suffix}-${today}.pdf`, bytes, letters: letters.length };
}
