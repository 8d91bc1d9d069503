import { Type, type Static } from 'typebox';
import { Id, LocalDate, Strict } from './common.js';

export const RecordConsentBody = Strict({
  guardianId: Id,
  givenOn: LocalDate,
  documentNumber: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
});
export type RecordConsentBody = Static<typeof RecordConsentBody>;

export const WithdrawConsentBody = Strict({
  withdrawnOn: LocalDate,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type WithdrawConsentBody = Static<typeof WithdrawConsentBody>;

export const ConsentView = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  studentId: Type.Integer(),
  guardianId: Type.Integer(),
  guardianName: Type.String(),
  givenOn: Type.String(),
  documentNumber: Type.String(),
  hasScan: Type.Boolean(),
  recordedAt: Type.String(),
  withdrawnOn: Type.Union([Type.String(), Type.Null()]),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
});
export type ConsentView = Static<typeof ConsentView>;

export const CoverageView = Type.Object({
  schoolId: Type.Integer(),
  students: Type.Integer(),
  withConsent: Type.Integer(),
  /** Share 0…1 of enrolled students with consent on record. */
  share: Type.Number(),
});
export type CoverageView = Static<typeof CoverageView>;

/** Scans: PDF, JPEG or PNG up to 5 MB. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;
export { Id };
