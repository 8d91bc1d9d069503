import { Type, type Static } from 'typebox';
import { roles, type Role } from '../roles.js';
import { Strict } from './common.js';

export const SignInBody = Strict({
  login: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type SignInBody = Static<typeof SignInBody>;

export const GrantView = Type.Object({
  id: Type.Integer(),
  role: Type.Unsafe<Role>(Type.String({ enum: [...roles] })),
  regionId: Type.Union([Type.Integer(), Type.Null()]),
  municipalityId: Type.Union([Type.Integer(), Type.Null()]),
  schoolId: Type.Union([Type.Integer(), Type.Null()]),
  classId: Type.Union([Type.Integer(), Type.Null()]),
});

export const MeView = Type.Object({
  accountId: Type.Integer(),
  personId: Type.Integer(),
  displayName: Type.String(),
  login: Type.Union([Type.String(), Type.Null()]),
  grants: Type.Array(GrantView),
  childIds: Type.Array(Type.Integer()),
});
export type MeView = Static<typeof MeView>;

/** Activation: the one-time code from the letter, the login and password the person chooses. */
export const ActivateBody = Strict({
  code: Type.String({ minLength: 1, maxLength: 40 }),
  login: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type ActivateBody = Static<typeof ActivateBody>;

export const ChangePasswordBody = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const SessionView = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
  ip: Type.String(),
  userAgent: Type.String(),
  current: Type.Boolean(),
});
export type SessionView = Static<typeof SessionView>;

/** A freshly issued code, shown once to whoever prints the letter. */
export const ActivationCodeView = Type.Object({
  personId: Type.Integer(),
  code: Type.String({ description: 'Formatted as ABCDE-FGHJK' }),
  expiresAt: Type.String(),
});
export type ActivationCodeView = Static<typeof ActivationCodeView>;
export type { Role };
