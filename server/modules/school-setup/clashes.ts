/**
 * Clashes of a weekly timetable, as a pure function. Two slots are at the same
 * time when they fall on the same weekday and their bell times overlap (slots
 * of classes in different shifts with the same lesson number usually do not);
 * without a bell schedule for a shift, the same shift and number count as the
 * same time. At the same time a teacher, a non-empty room, or a class may be
 * used once, except that different groups of one class may have lessons in
 * parallel (the two English groups).
 */
import type { Clash } from '../../../shared/contracts/school-setup.js';

export interface ClashSlot {
  /** Index in the request being checked; null for slots already stored. */
  index: number | null;
  weekday: number;
  number: number;
  room: string;
  shift: number;
  classId: number;
  groupId: number | null;
  teacherIds: number[];
  className: string;
  subject: string;
}

export type BellTimes = Map<string, { startsAt: string; endsAt: string }>;

const bellKey = (shift: number, number: number) => `${shift}:${number}`;

export function bellTimes(bells: Array<{ shift: number; number: number; starts_at: string; ends_at: string }>): BellTimes {
  return new Map(bells.map((b) => [bellKey(b.shift, b.number), { startsAt: b.starts_at, endsAt: b.ends_at }]));
}

function sameTime(a: ClashSlot, b: ClashSlot, bells: BellTimes): boolean {
  if (a.weekday !== b.weekday) return false;
  const ta = bells.get(bellKey(a.shift, a.number));
  const tb = bells.get(bellKey(b.shift, b.number));
  if (ta && tb) return ta.startsAt < tb.endsAt && tb.startsAt < ta.endsAt;
  return a.shift === b.shift && a.number === b.number;
}

/**
 * Clashes of the `candidate` slots with each other and with `others`. Each
 * pair is reported once, on the candidate slot. `teacherNames` names the
 * teacher of a teacher clash.
 */
export function findClashes(candidate: ClashSlot[], others: ClashSlot[], bells: BellTimes, teacherNames: Map<number, string>): Clash[] {
  const clashes: Clash[] = [];
  const check = (a: ClashSlot, b: ClashSlot) => {
    if (!sameTime(a, b, bells)) return;
    const describe = { className: b.className, subject: b.subject, weekday: b.weekday, number: b.number };
    const shared = a.teacherIds.find((t) => b.teacherIds.includes(t));
    if (shared !== undefined) {
      clashes.push({ kind: 'teacher', weekday: a.weekday, number: a.number, slotIndex: a.index, with: describe, who: teacherNames.get(shared) ?? String(shared) });
    }
    if (a.room.trim() !== '' && a.room.trim().toLowerCase() === b.room.trim().toLowerCase()) {
      clashes.push({ kind: 'room', weekday: a.weekday, number: a.number, slotIndex: a.index, with: describe, who: a.room.trim() });
    }
    const parallelGroups = a.groupId !== null && b.groupId !== null && a.groupId !== b.groupId;
    if (a.classId === b.classId && !parallelGroups) {
      clashes.push({ kind: 'class', weekday: a.weekday, number: a.number, slotIndex: a.index, with: describe, who: a.className });
    }
  };
  for (let i = 0; i < candidate.length; i++) {
    for (let j = i + 1; j < candidate.length; j++) check(candidate[j]!, candidate[i]!);
    for (const o of others) check(candidate[i]!, o);
  }
  return clashes.sort((x, y) => (x.slotIndex ?? 0) - (y.slotIndex ?? 0));
}
