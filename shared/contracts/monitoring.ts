import { Type, type Static } from 'typebox';
import { Id, LocalDate, Strict } from './common.js';
import { Page, pageFields, SearchText, type PageOf } from './paging.js';

export const WeekParams = Strict({ id: Id, week: LocalDate });
export type WeekParams = Static<typeof WeekParams>;

export const WeekQuery = Strict({ week: Type.Optional(LocalDate) });
export type WeekQuery = Static<typeof WeekQuery>;

export const ConfirmBody = Strict({ comment: Type.String({ maxLength: 2000 }) });
export type ConfirmBody = Static<typeof ConfirmBody>;

const Level = Type.Union([Type.Literal('region'), Type.Literal('municipality'), Type.Literal('school')]);
const ResponsibleRole = Type.Union([
  Type.Literal('region_coordinator'),
  Type.Literal('municipal_officer'),
  Type.Literal('director'),
  Type.Literal('school_admin'),
]);
const Target = Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'share, 0.3 = 30 %' });
const Text = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });

export const CreateMilestoneBody = Strict({
  level: Level,
  text: Text,
  startsOn: Type.Optional(Type.Union([LocalDate, Type.Null()])),
  deadline: LocalDate,
  responsible: Type.String({ maxLength: 500 }),
  responsibleRole: ResponsibleRole,
  kind: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
  /** Automatic milestones: the activation share to reach by the deadline. */
  target: Type.Optional(Target),
});
export type CreateMilestoneBody = Static<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = Strict(
  {
    text: Type.Optional(Text),
    startsOn: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    deadline: Type.Optional(LocalDate),
    responsible: Type.Optional(Type.String({ maxLength: 500 })),
    responsibleRole: Type.Optional(ResponsibleRole),
    target: Type.Optional(Target),
    /** Manual milestones: marked done on a date with a note; null reopens. */
    done: Type.Optional(Type.Union([Strict({ on: LocalDate, note: Type.String({ maxLength: 2000 }) }), Type.Null()])),
  },
  { minProperties: 1 },
);
export type UpdateMilestoneBody = Static<typeof UpdateMilestoneBody>;

const Weight = Type.Number({ minimum: 0, maximum: 1 });
export const RankingWeightsBody = Strict({ activation: Weight, activity: Weight, topics: Weight });
export type RankingWeightsBody = Static<typeof RankingWeightsBody>;

/** The school's list of pupils and guardians not yet activated: a page, optionally of one class or kind, searched by name. */
export const NotActivatedQuery = Strict({
  ...pageFields,
  classId: Type.Optional(Id),
  kind: Type.Optional(Type.Union([Type.Literal('student'), Type.Literal('guardian')])),
  q: Type.Optional(SearchText),
});
export type NotActivatedQuery = Static<typeof NotActivatedQuery>;

export const NotActivatedPerson = Type.Object({
  personId: Type.Integer(),
  kind: Type.Union([Type.Literal('student'), Type.Literal('guardian')]),
  name: Type.String(),
  classId: Type.Integer(),
  className: Type.String(),
  accountStatus: Type.Union([Type.Literal('pending'), Type.Literal('blocked'), Type.Literal('none'), Type.Literal('active')]),
});
export type NotActivatedPerson = Static<typeof NotActivatedPerson>;
export const NotActivatedPage = Page(NotActivatedPerson);
export type NotActivatedPage = PageOf<NotActivatedPerson>;
