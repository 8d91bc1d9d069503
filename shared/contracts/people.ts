import { Type, type Static } from 'typebox';
import { roles, type Role } from '../roles.js';
import { GrantView } from './accounts.js';
import { Id, LocalDate, Name, Strict } from './common.js';
import { pageFieldsNoDefaults } from './paging.js';

const Optional = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const RoleSchema = Type.Unsafe<Role>(Type.String({ enum: [...roles] }));
export const Relation = Type.Unsafe<'mother' | 'father' | 'other'>(Type.String({ enum: ['mother', 'father', 'other'] }));
export type Relation = Static<typeof Relation>;

const personFields = {
  surname: Name,
  name: Name,
  patronymic: Optional(Type.String({ maxLength: 200 })),
  birthDate: Optional(Nullable(LocalDate)),
  email: Optional(Nullable(Type.String({ maxLength: 200, format: 'email' }))),
  phone: Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' }))),
};

export const CreateStaffBody = Strict({
  ...personFields,
  position: Optional(Type.String({ maxLength: 200 })),
  startedOn: Optional(LocalDate),
  roles: Optional(Type.Array(Type.Unsafe<'director' | 'school_admin' | 'deputy' | 'teacher'>(Type.String({ enum: ['director', 'school_admin', 'deputy', 'teacher'] })), { maxItems: 4, uniqueItems: true })),
});
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const CreateStudentBody = Strict({ ...personFields, startedOn: Optional(LocalDate), classId: Optional(Id) });
export type CreateStudentBody = Static<typeof CreateStudentBody>;

export const CreateGuardianBody = Strict({ ...personFields, studentId: Id, relation: Relation });
export type CreateGuardianBody = Static<typeof CreateGuardianBody>;

export const LinkGuardianBody = Strict({ guardianId: Id, studentId: Id, relation: Relation });
export type LinkGuardianBody = Static<typeof LinkGuardianBody>;

export const UpdatePersonBody = Strict(
  {
    surname: Optional(Name),
    name: Optional(Name),
    patronymic: Optional(Type.String({ maxLength: 200 })),
    birthDate: Optional(Nullable(LocalDate)),
    email: Optional(Nullable(Type.String({ maxLength: 200, format: 'email' }))),
    phone: Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' }))),
  },
  { minProperties: 1 },
);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

/** A student leaves the school, or moves to another one (the enrolment's history is kept). */
export const LeaveBody = Strict({
  schoolId: Id,
  endedOn: LocalDate,
  reason: Type.Unsafe<'left' | 'moved' | 'graduated'>(Type.String({ enum: ['left', 'moved', 'graduated'] })),
  toSchoolId: Optional(Id),
});
export type LeaveBody = Static<typeof LeaveBody>;

export const PeopleKind = Type.Unsafe<'staff' | 'students' | 'guardians'>(Type.String({ enum: ['staff', 'students', 'guardians'] }));
export type PeopleKind = Static<typeof PeopleKind>;
export const AccountStatus = Type.Unsafe<'none' | 'pending' | 'active' | 'blocked'>(Type.String({ enum: ['none', 'pending', 'active', 'blocked'] }));

export const PeopleQuery = Strict({
  kind: PeopleKind,
  q: Optional(Type.String({ maxLength: 100 })),
  status: Optional(AccountStatus),
  ...pageFieldsNoDefaults,
  /** The older window (kept for existing callers); page/pageSize take its place and may not be mixed with it. */
  limit: Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Optional(Type.Integer({ minimum: 0 })),
});
export type PeopleQuery = Static<typeof PeopleQuery>;

export const AccountView = Type.Object({
  status: AccountStatus,
  login: Nullable(Type.String()),
  activatedAt: Nullable(Type.String()),
  codeExpiresAt: Nullable(Type.String()),
  blockedReason: Nullable(Type.String()),
});

export const PersonRow = Type.Object({
  id: Type.Integer(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  birthDate: Nullable(Type.String()),
  account: AccountView,
  roles: Type.Array(RoleSchema),
  /** staff: position; students: class name; guardians: the children in this school. */
  note: Type.String(),
  /** students: consent on record. */
  consent: Nullable(Type.Boolean()),
});
export type PersonRow = Static<typeof PersonRow>;
export const PeopleList = Type.Object({ total: Type.Integer(), page: Type.Optional(Type.Integer()), pageSize: Type.Optional(Type.Integer()), items: Type.Array(PersonRow) });
export type PeopleList = Static<typeof PeopleList>;

export const PersonDetail = Type.Object({
  id: Type.Integer(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  birthDate: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  account: AccountView,
  grants: Type.Array(Type.Intersect([GrantView, Type.Object({ grantedAt: Type.String(), scopeName: Type.String() })])),
  staff: Type.Array(Type.Object({ schoolId: Type.Integer(), schoolName: Type.String(), position: Type.String(), startedOn: Type.String(), endedOn: Nullable(Type.String()) })),
  enrolments: Type.Array(
    Type.Object({ schoolId: Type.Integer(), schoolName: Type.String(), startedOn: Type.String(), endedOn: Nullable(Type.String()), endReason: Nullable(Type.String()) }),
  ),
  guardians: Type.Array(Type.Object({ personId: Type.Integer(), fullName: Type.String(), relation: Relation })),
  children: Type.Array(Type.Object({ personId: Type.Integer(), fullName: Type.String(), relation: Relation, schoolId: Type.Integer() })),
});
export type PersonDetail = Static<typeof PersonDetail>;

export const CreatedPersonView = Type.Object({
  personId: Type.Integer(),
  activationCode: Nullable(Type.String()),
  codeExpiresAt: Nullable(Type.String()),
});
export type CreatedPersonView = Static<typeof CreatedPersonView>;

/** Give a role in a scope. The scope ids needed depend on the role (region, municipality, school, class). */
export const GrantBody = Strict({
  personId: Id,
  role: RoleSchema,
  regionId: Optional(Id),
  municipalityId: Optional(Id),
  schoolId: Optional(Id),
  classId: Optional(Id),
});
export type GrantBody = Static<typeof GrantBody>;

/** Appoint a new person to a role (the order's chain: coordinator → officers → directors and school admins). */
export const AppointBody = Strict({
  ...personFields,
  role: RoleSchema,
  regionId: Optional(Id),
  municipalityId: Optional(Id),
  schoolId: Optional(Id),
});
export type AppointBody = Static<typeof AppointBody>;

export const GrantCreatedView = Type.Object({
  grantId: Type.Integer(),
  personId: Type.Integer(),
  activationCode: Nullable(Type.String()),
  codeExpiresAt: Nullable(Type.String()),
});
export type GrantCreatedView = Static<typeof GrantCreatedView>;

export const AppointmentsQuery = Strict({
  regionId: Optional(Id),
  municipalityId: Optional(Id),
  schoolId: Optional(Id),
});
export type AppointmentsQuery = Static<typeof AppointmentsQuery>;

export const AppointmentView = Type.Object({
  grantId: Type.Integer(),
  personId: Type.Integer(),
  fullName: Type.String(),
  role: RoleSchema,
  scopeName: Type.String(),
  grantedAt: Type.String(),
  accountStatus: AccountStatus,
});
export type AppointmentView = Static<typeof AppointmentView>;

/** What a guardian (or a student, of themselves) sees about a child. */
export const ChildView = Type.Object({
  personId: Type.Integer(),
  fullName: Type.String(),
  schoolId: Nullable(Type.Integer()),
  schoolName: Nullable(Type.String()),
  className: Nullable(Type.String()),
});
export type ChildView = Static<typeof ChildView>;
