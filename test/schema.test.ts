import { readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, schema } from '../src/schema/index.ts';

const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every type, field, argument, enum value and input field of the schema without a description (or whose description only repeats its name). */
function undescribed(): string[] {
  const missing: string[] = [];
  const check = (path: string, description: string | null | undefined) => {
    const name = path.split(/[.(]/).pop()!.replace(')', '');
    if (!description?.trim() || letters(description) === letters(name)) missing.push(path);
  };
  const types = Object.values(schema.getTypeMap()).filter(
    (type: GraphQLNamedType) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
  );
  for (const type of types) {
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args)
          check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe('schema.graphql', () => {
  it('is the schema the server serves (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(undescribed()).toEqual([]);
  });
});
