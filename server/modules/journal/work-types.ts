import type { AppContext } from '../../context.js';
import * as q from './journal.queries.js';

/** Default work types with weights (a school may change them): answer 1, test 2–3, dictation 2, lab 2… */
export const DEFAULT_WORK_TYPES = [
  { code: 'answer', name: 'Ответ на уроке', weight: 1 },
  { code: 'homework', name: 'Домашняя работа', weight: 1 },
  { code: 'independent', name: 'Самостоятельная работа', weight: 1.5 },
  { code: 'dictation', name: 'Диктант', weight: 2 },
  { code: 'lab', name: 'Лабораторная работа', weight: 2 },
  { code: 'test', name: 'Контрольная работа', weight: 3 },
  { code: 'term_test', name: 'Итоговая контрольная работа', weight: 3 },
] as const;

const seeded = new WeakMap<object, Set<number>>();

/** Seeds the defaults for a school the first time its journal is used (idempotent). */
export async function ensureWorkTypes(ctx: AppContext, schoolId: number): Promise<void> {
  let done = seeded.get(ctx.db);
  if (!done) seeded.set(ctx.db, (done = new Set()));
  if (done.has(schoolId)) return;
  const existing = await q.workTypes(ctx.db.kysely, schoolId);
  if (existing.length === 0) {
    await q.insertWorkTypes(ctx.db.kysely, DEFAULT_WORK_TYPES.map((t, i) => ({ school_id: schoolId, ...t, sort: i + 1 })));
  }
  done.add(schoolId);
}
