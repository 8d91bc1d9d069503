import { Type, type Static } from 'typebox';
import { Id, LocalDate, Strict } from './common.js';

/** `week`: any date of the week wanted (the Monday is derived); absent = the current week. */
export const WeekQuery = Strict({ week: Type.Optional(LocalDate) });
export type WeekQuery = Static<typeof WeekQuery>;

export const TermQuery = Strict({ termId: Type.Optional(Id) });
export const StudentParams = Strict({ studentId: Id });
export const ConfirmBody = Strict({ week: LocalDate });
export const SeenBody = Strict({ upTo: Type.String({ format: 'date-time', description: 'ISO instant of the newest item seen' }) });

export const notificationModes = ['instant', 'daily', 'weekly', 'none'] as const;
export type NotificationMode = (typeof notificationModes)[number];
export const NotificationBody = Strict({ mode: Type.Union(notificationModes.map((m) => Type.Literal(m))) });

/** A pupil the viewer may open: themselves (a pupil) or a child (a guardian). */
export interface DiaryChild {
  personId: number;
  name: string;
  schoolId: number | null;
  schoolName: string | null;
  className: string | null;
}

export interface DiaryMark {
  id: number;
  value: string;
  weight: number;
  workType: string | null;
  comment: string;
  enteredAt: string;
}

export interface DiaryLesson {
  id: number;
  number: number;
  subject: string;
  teacher: string | null;
  topic: string;
  homework: string;
  cancelled: boolean;
  files: Array<{ id: number; name: string; size: number; url: string }>;
  marks: DiaryMark[];
  attendance: 'absent' | 'ill' | 'excused' | 'late' | null;
}

export interface DiaryWeek {
  student: { personId: number; name: string; className: string; schoolId: number };
  week: string;
  days: Array<{ date: string; lessons: DiaryLesson[] }>;
  prevWeek: string | null;
  nextWeek: string | null;
  today: string;
  /** Guardians who confirmed this week (names only for the viewer's own confirmation). */
  confirmedByMe: string | null;
  canConfirm: boolean;
}

export interface SubjectMarks {
  courseId: number;
  subject: string;
  marks: Array<{ id: number; date: string; value: string; weight: number; workType: string | null; comment: string }>;
  average: number | null;
  termMark: string | null;
  yearMark: string | null;
  /** The running weighted average at the end of each week that has marks. */
  weekly: Array<{ week: string; average: number }>;
}

export interface DiarySubjects {
  student: { personId: number; name: string; className: string };
  term: { id: number; name: string; startsOn: string; endsOn: string };
  terms: Array<{ id: number; name: string }>;
  subjects: SubjectMarks[];
}

export interface FeedItem {
  kind: 'mark' | 'correction' | 'term_mark' | 'year_mark' | 'homework';
  at: string;
  date: string;
  subject: string;
  value: string | null;
  workType: string | null;
  text: string;
  unseen: boolean;
}

export interface DiaryFeed {
  items: FeedItem[];
  seenUpTo: string | null;
}

export interface NotificationSettings {
  mode: NotificationMode;
  email: string | null;
}

export interface ClassConfirmations {
  className: string;
  week: string;
  /** Null where the week would leave the class's academic year. */
  prevWeek: string | null;
  nextWeek: string | null;
  pupils: Array<{ personId: number; name: string; confirmations: Array<{ guardian: string; at: string }> }>;
}
