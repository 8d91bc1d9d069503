import { Type, type Static } from 'typebox';
import { Name, Strict } from './common.js';

const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Chita' });

export const CreateRegionBody = Strict({
  name: Name,
  code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' }),
  timeZone: Type.Optional(TimeZone),
});
export type CreateRegionBody = Static<typeof CreateRegionBody>;

export const CreateMunicipalityBody = Strict({
  name: Name,
  shortName: Type.Optional(Type.String({ maxLength: 100 })),
});
export type CreateMunicipalityBody = Static<typeof CreateMunicipalityBody>;

export const CreateSchoolBody = Strict({
  name: Name,
  shortName: Type.Optional(Type.String({ maxLength: 100 })),
  address: Type.Optional(Type.String({ maxLength: 500 })),
});
export type CreateSchoolBody = Static<typeof CreateSchoolBody>;

export const UpdateSchoolBody = Strict(
  {
    name: Type.Optional(Name),
    shortName: Type.Optional(Type.String({ maxLength: 100 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    accessInstructions: Type.Optional(Type.String({ maxLength: 10_000 })),
    settings: Type.Optional(
      Strict({
        plusMinus: Type.Optional(Type.Boolean()),
        plusMinusAffectsAverage: Type.Optional(Type.Boolean()),
        lateAfterSchoolDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
        minMarksForTermMark: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
      }),
    ),
  },
  { minProperties: 1 },
);
export type UpdateSchoolBody = Static<typeof UpdateSchoolBody>;

export const RegionView = Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.String(), timeZone: Type.String() });
export const MunicipalityView = Type.Object({ id: Type.Integer(), regionId: Type.Integer(), name: Type.String(), shortName: Type.String() });
export const SchoolView = Type.Object({
  id: Type.Integer(),
  regionId: Type.Integer(),
  municipalityId: Type.Integer(),
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
});
export type RegionView = Static<typeof RegionView>;
export type MunicipalityView = Static<typeof MunicipalityView>;
export type SchoolView = Static<typeof SchoolView>;

/** The public directory: every region with its municipalities and their schools. */
export const DirectoryView = Type.Array(
  Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    municipalities: Type.Array(
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        schools: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), shortName: Type.String() })),
      }),
    ),
  }),
);
export type DirectoryView = Static<typeof DirectoryView>;

export const PublicSchoolView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
  municipality: Type.Object({ id: Type.Integer(), name: Type.String() }),
  region: Type.Object({ id: Type.Integer(), name: Type.String() }),
  accessInstructions: Type.String(),
});
export type PublicSchoolView = Static<typeof PublicSchoolView>;
