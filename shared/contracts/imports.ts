import { Type, type Static } from 'typebox';
import { Id, Strict } from './common.js';
import { importKinds, importProblemCodes, type ImportKind, type ImportProblemCode } from '../imports.js';

export const ImportKindParam = Type.Unsafe<ImportKind>(Type.String({ enum: [...importKinds] }));

export const SchoolKindParams = Strict({ id: Id, kind: ImportKindParam });
export type SchoolKindParams = Static<typeof SchoolKindParams>;

export const ImportProblem = Type.Object({
  row: Type.Integer({ description: 'Row number as the spreadsheet shows it (header = 1); 0 for the whole file' }),
  column: Type.String({ description: 'The column header as the file spells it' }),
  code: Type.Unsafe<ImportProblemCode>(Type.String({ enum: [...importProblemCodes] })),
  value: Type.Optional(Type.String()),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportReport = Type.Object({
  kind: ImportKindParam,
  rows: Type.Integer(),
  validRows: Type.Integer(),
  ok: Type.Boolean(),
  problems: Type.Array(ImportProblem),
});
export type ImportReport = Static<typeof ImportReport>;

export const ImportResult = Type.Object({
  kind: ImportKindParam,
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  guardiansCreated: Type.Integer(),
  accountsCreated: Type.Integer(),
  moved: Type.Integer(),
  subjectsCreated: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;

/** One line of the streamed (NDJSON) answer of a real import run. */
export type ImportStreamLine =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; code: string };

export const exportKinds = importKinds;
export const ExportQuery = Strict({ classId: Type.Optional(Id) });

export const LettersBody = Strict({ classId: Type.Optional(Id) });
export type LettersBody = Static<typeof LettersBody>;

export const ClassListItem = Type.Object({ id: Id, name: Type.String(), grade: Type.Integer(), students: Type.Integer(), pending: Type.Integer() });
export const ClassList = Type.Object({ yearName: Type.Union([Type.String(), Type.Null()]), classes: Type.Array(ClassListItem) });
export type ClassList = Static<typeof ClassList>;
