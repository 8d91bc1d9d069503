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

/** All problems of one code in one column: how many, and the first rows that have it. */
export const ImportProblemGroup = Type.Object({
  column: Type.String({ description: 'The column header as the file spells it; empty for the whole file' }),
  code: Type.Unsafe<ImportProblemCode>(Type.String({ enum: [...importProblemCodes] })),
  count: Type.Integer({ description: 'Every problem of this code in this column' }),
  rows: Type.Array(Type.Integer(), { description: 'The first rows with it, ascending (at most IMPORT_SUMMARY_ROWS)' }),
});
export type ImportProblemGroup = Static<typeof ImportProblemGroup>;

export const ImportReport = Type.Object({
  kind: ImportKindParam,
  rows: Type.Integer({ description: 'Data rows in the file' }),
  validRows: Type.Integer({ description: 'Data rows without any problem' }),
  ok: Type.Boolean({ description: 'No problem at all: the file can be imported' }),
  problemsTotal: Type.Integer({ description: 'Every problem found, listed or not' }),
  summary: Type.Array(ImportProblemGroup, { description: 'One entry per (column, code), most frequent first' }),
  problems: Type.Array(ImportProblem, { description: 'The first problems by row, at most IMPORT_PROBLEMS_LISTED' }),
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
