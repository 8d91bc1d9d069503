/**
 * Rules of rollout monitoring (design.md, "Activation", "Targets", "Weekly
 * report", "Ranking"), as pure functions shared by the server and the client.
 * Every rate is a ratio of summed counts, never an average of percentages.
 */
import { addDays, isoWeekday, type LocalDate } from './dates.js';

export const roleGroups = ['staff', 'students', 'guardians'] as const;
export type RoleGroup = (typeof roleGroups)[number];

export interface GroupCounts {
  population: number;
  activated: number;
  /** Activated accounts signed in during the last 7 days. */
  active: number;
}

/** The counts behind every figure of a school, a municipality or the region. */
export interface Figures {
  staff: GroupCounts;
  students: GroupCounts;
  guardians: GroupCounts;
  /** Lessons of the report week already given (not cancelled). */
  lessonsPast: number;
  lessonsWithTopic: number;
  marksEntered: number;
  marksLate: number;
  /** Students with a guardian's consent on record. */
  consents: number;
}

export function emptyFigures(): Figures {
  const g = () => ({ population: 0, activated: 0, active: 0 });
  return { staff: g(), students: g(), guardians: g(), lessonsPast: 0, lessonsWithTopic: 0, marksEntered: 0, marksLate: 0, consents: 0 };
}

/** Sums counts (the only way figures go up the hierarchy). */
export function sumFigures(list: Iterable<Figures>): Figures {
  const total = emptyFigures();
  for (const f of list) {
    for (const g of roleGroups) {
      total[g].population += f[g].population;
      total[g].activated += f[g].activated;
      total[g].active += f[g].active;
    }
    total.lessonsPast += f.lessonsPast;
    total.lessonsWithTopic += f.lessonsWithTopic;
    total.marksEntered += f.marksEntered;
    total.marksLate += f.marksLate;
    total.consents += f.consents;
  }
  return total;
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export function totalCounts(f: Figures): GroupCounts {
  return {
    population: f.staff.population + f.students.population + f.guardians.population,
    activated: f.staff.activated + f.students.activated + f.guardians.activated,
    active: f.staff.active + f.students.active + f.guardians.active,
  };
}

export interface Rates {
  activation: Record<RoleGroup | 'total', number>;
  /** Share of activated users active in the last 7 days. */
  activity: number;
  /** Share of the week's past lessons with a topic. */
  topics: number;
}

export function ratesOf(f: Figures): Rates {
  const t = totalCounts(f);
  return {
    activation: {
      staff: ratio(f.staff.activated, f.staff.population),
      students: ratio(f.students.activated, f.students.population),
      guardians: ratio(f.guardians.activated, f.guardians.population),
      total: ratio(t.activated, t.population),
    },
    activity: ratio(t.active, t.activated),
    topics: ratio(f.lessonsWithTopic, f.lessonsPast),
  };
}

// ---------------------------------------------------------------- ranking

export interface RankingWeights {
  activation: number;
  activity: number;
  topics: number;
}

/** score = w1·activation rate + w2·share of activated users active in 7 days + w3·share of past lessons with a topic. */
export function score(f: Figures, w: RankingWeights): number {
  const r = ratesOf(f);
  return w.activation * r.activation.total + w.activity * r.activity + w.topics * r.topics;
}

export interface RankedUnit {
  id: number;
  name: string;
  figures: Figures;
}

// One collator for all comparisons: localeCompare(…, 'ru') builds a new one on every call.
const collator = new Intl.Collator('ru');

/** Highest score first; ties broken by the activation rate, then by name so the order is stable. */
export function rank<T extends RankedUnit>(units: T[], w: RankingWeights): Array<T & { place: number; score: number; activation: number }> {
  const scored = units.map((u) => ({ ...u, score: score(u.figures, w), activation: ratesOf(u.figures).activation.total }));
  // Scores are compared after rounding to 1e-9 so that float noise does not break a real tie.
  const r9 = (x: number) => Math.round(x * 1e9);
  scored.sort((a, b) => r9(b.score) - r9(a.score) || r9(b.activation) - r9(a.activation) || collator.compare(a.name, b.name));
  return scored.map((u, i) => ({ ...u, place: i + 1 }));
}

// ---------------------------------------------------------------- targets

export type PlanLevel = 'region' | 'municipality' | 'school';
export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'overdue';

export interface TargetMilestone {
  id: number;
  target: number;
  deadline: LocalDate;
}

export interface TargetEvaluation {
  status: TargetStatus;
  /** The milestone the status is measured against (null when the level has no targets). */
  milestone: TargetMilestone | null;
  /** The rate linear progress from the previous milestone expects by this date. */
  expected: number;
}

function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The status of a rate on a date against ONE milestone, given the milestone
 * before it on the same level (null for the first, which starts from 0 % on
 * `planStart`): met when the rate reaches the target; overdue when the deadline
 * has passed (date > deadline; the deadline day itself still counts); on track
 * when the rate is at least the straight line from the previous milestone's
 * target on its deadline to this target on this deadline; at risk below it.
 */
export function milestoneStatus(
  rate: number,
  date: LocalDate,
  m: TargetMilestone,
  prev: TargetMilestone | null,
  planStart: LocalDate,
): { status: TargetStatus; expected: number } {
  const eps = 1e-9;
  if (rate + eps >= m.target) return { status: 'met', expected: m.target };
  if (date > m.deadline) return { status: 'overdue', expected: m.target };
  const fromDate = prev ? prev.deadline : planStart;
  const fromTarget = prev ? prev.target : 0;
  const span = daysBetween(fromDate, m.deadline);
  const elapsed = Math.min(Math.max(daysBetween(fromDate, date), 0), Math.max(span, 0));
  const expected = span > 0 ? fromTarget + ((m.target - fromTarget) * elapsed) / span : m.target;
  return { status: rate + eps >= expected ? 'on_track' : 'at_risk', expected };
}

/**
 * The status of a rate on a date against a level's activation milestones
 * (docs/monitoring.md): overdue when any milestone whose deadline has passed
 * was not reached (measured against the highest such target); otherwise the
 * status against the target in force, the first milestone with deadline ≥ date
 * (or the last one when every deadline has passed), by `milestoneStatus`.
 */
export function evaluateTarget(rate: number, date: LocalDate, milestones: TargetMilestone[], planStart: LocalDate): TargetEvaluation {
  const sorted = sortMilestones(milestones);
  if (sorted.length === 0) return { status: 'met', milestone: null, expected: 0 };
  const missed = sorted.filter((m) => m.deadline < date && rate + 1e-9 < m.target);
  if (missed.length > 0) {
    const worst = missed.reduce((a, b) => (b.target > a.target ? b : a));
    return { status: 'overdue', milestone: worst, expected: worst.target };
  }
  const index = sorted.findIndex((m) => m.deadline >= date);
  const i = index === -1 ? sorted.length - 1 : index;
  const current = sorted[i]!;
  const { status, expected } = milestoneStatus(rate, date, current, i > 0 ? sorted[i - 1]! : null, planStart);
  return { status, milestone: current, expected };
}

export function sortMilestones<T extends TargetMilestone>(milestones: T[]): T[] {
  return [...milestones].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.target - b.target);
}

/** Worst first: the status of a milestone over many units (municipalities, schools). */
export function combineStatuses(statuses: TargetStatus[]): TargetStatus {
  for (const s of ['overdue', 'at_risk', 'on_track'] as const) if (statuses.includes(s)) return s;
  return 'met';
}

// ---------------------------------------------------------------- weeks

/** The report week named by its snapshot date; covers the 7 local dates before it. */
export function reportWindow(weekOf: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: addDays(weekOf, -7), to: addDays(weekOf, -1) };
}

/** The latest date on or before `date` that falls on the ISO weekday. */
export function lastWeekdayOnOrBefore(date: LocalDate, weekday: number): LocalDate {
  return addDays(date, -((isoWeekday(date) - weekday + 7) % 7));
}
