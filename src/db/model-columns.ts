import { getDatamodel } from '../generated/pothos-types.ts';

/** A model's field as the datamodel describes it (`kind`: scalar, enum or object, `type`). */
type ModelField = ReturnType<typeof getDatamodel>['datamodel']['models'][string]['fields'][number];

/**
 * Each model's columns (its fields but relations) by name, read once from the datamodel: what a
 * raw read may select and compare (db/pages.ts), what a page may narrow to (schema/selections.ts)
 * and which scope columns a model has (db/scoped.ts).
 */
export const modelColumns: ReadonlyMap<string, ReadonlyMap<string, ModelField>> = new Map(
  Object.entries(getDatamodel().datamodel.models).map(([model, { fields }]) => [
    model,
    new Map(fields.filter((field) => field.kind !== 'object').map((field) => [field.name, field])),
  ]),
);
