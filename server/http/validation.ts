import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isLocalDate } from '../../shared/dates.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    // Unknown fields are refused, never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    // Query strings and path params arrive as text; bodies must have the right types.
    coerceTypes: coerce ? 'array' : false,
    allErrors: true,
    strict: false,
  });
  addFormats(ajv);
  // A calendar date that exists (2023-02-30 is refused).
  ajv.addFormat('date', { type: 'string', validate: isLocalDate });
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  const validate = ajv.compile(schema as object) as ValidateFunction;
  if (httpPart === 'body') return validate;
  // Coercion would read "0x10" or "1e3" as 16 and 1000: an id in a path or query must be written in decimal digits.
  const properties = (schema as { properties?: Record<string, { type?: string }> }).properties ?? {};
  const integers = Object.keys(properties).filter((k) => properties[k]?.type === 'integer');
  if (integers.length === 0) return validate;
  const checked = ((data: Record<string, unknown> | undefined) => {
    for (const key of integers) {
      const raw = data?.[key];
      if (typeof raw === 'string' && !/^-?[0-9]{1,15}$/.test(raw)) {
        checked.errors = [{ instancePath: `/${key}`, schemaPath: '#/type', keyword: 'type', params: { type: 'integer' }, message: 'must be an integer written in decimal digits' }];
        return false;
      }
    }
    const ok = validate(data);
    checked.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  return checked;
};

/** The JSON pointer of the field an ajv error is about, e.g. `/body/surname`. */
export function fieldOf(part: string, error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  return `/${part}${error.instancePath}${leaf ? `/${leaf}` : ''}`;
}
