import { Type, type TProperties, type TObjectOptions } from 'typebox';

/** An object schema that refuses unknown fields (the default for every request body). */
export function Strict<T extends TProperties>(properties: T, options: TObjectOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, a local school date' });
export const Instant = Type.String({ description: 'ISO-8601 UTC instant' });
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const IdParams = Strict({ id: Id });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
