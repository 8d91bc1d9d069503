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
