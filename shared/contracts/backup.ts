import { Type, type Static } from 'typebox';
import { Instant, Strict } from './common.js';

export const BackupView = Type.Object({
  name: Type.String(),
  createdAt: Instant,
  reason: Type.Union([Type.Literal('scheduled'), Type.Literal('manual')]),
  engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  sizeBytes: Type.Integer(),
  schemaVersion: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer({ description: 'rows in all tables of the copy' }),
  /** null: not verified yet. */
  verified: Type.Union([
    Type.Null(),
    Type.Object({ at: Instant, ok: Type.Boolean(), problems: Type.Array(Type.String()) }),
  ]),
});
export type BackupView = Static<typeof BackupView>;

export const BackupRunView = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  phase: Type.Union([Type.Literal('copying'), Type.Literal('compressing'), Type.Literal('verifying'), Type.Null()]),
  /** 0 … 1 within the whole run. */
  progress: Type.Number(),
  startedAt: Type.Union([Instant, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type BackupRunView = Static<typeof BackupRunView>;

export const BackupNameParams = Strict({ name: Type.String({ minLength: 1, maxLength: 200 }) });
export type BackupNameParams = Static<typeof BackupNameParams>;
