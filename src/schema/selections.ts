import {
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { modelColumns } from '../db/model-columns.ts';

/**
 * The fields `sets` select, by name, with their own selection sets; fragments included. Aliases
 * and `@skip`/`@include` are not told apart: what it names is a superset of what runs.
 */
function fieldsIn(info: GraphQLResolveInfo, sets: readonly (SelectionSetNode | undefined)[]) {
  const fields = new Map<string, SelectionSetNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) {
        visit(
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.selectionSet
            : info.fragments[selection.name.value]?.selectionSet,
        );
        continue;
      }
      const sets = fields.get(selection.name.value) ?? [];
      if (selection.selectionSet) sets.push(selection.selectionSet);
      fields.set(selection.name.value, sets);
    }
  };
  sets.forEach(visit);
  return fields;
}

/** Whether the query selects any of `fields` on the resolved field's objects, fragments included. */
export function selectsAny(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const selected = fieldsIn(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  return fields.some((field) => selected.has(field));
}

const fieldType = (type: GraphQLObjectType, name: string) => {
  const named = getNamedType(type.getFields()[name]?.type);
  return isObjectType(named) ? named : undefined;
};

/**
 * A connection's page query narrowed to the columns its nodes select (under `edges.node` and
 * `nodes`) and the cursor's: a page does not read and decode columns, JSON above all, that its
 * answer leaves out. Left whole when the plan loads relations, or a node field is anything but an
 * exposed column (its resolver may read any of them).
 */
export function selectingColumns<Query extends object>(
  query: Query,
  info: GraphQLResolveInfo,
  cursor: string,
): Query {
  const connection = getNamedType(info.returnType);
  const edge = isObjectType(connection) ? fieldType(connection, 'edges') : undefined;
  const node = edge && fieldType(edge, 'node');
  const columns = modelColumns.get(node?.extensions.pothosPrismaModel as string);
  if (!node || !columns || 'include' in query || 'select' in query) return query;
  const selected = fieldsIn(
    info,
    info.fieldNodes.map((field) => field.selectionSet),
  );
  const nodes = [
    ...(selected.get('nodes') ?? []),
    ...(fieldsIn(info, selected.get('edges') ?? []).get('node') ?? []),
  ];
  const select: Record<string, true> = { [cursor]: true };
  for (const name of fieldsIn(info, nodes).keys()) {
    if (name === '__typename') continue;
    const column = node.getFields()[name]?.extensions.pothosExposedField;
    if (typeof column !== 'string' || !columns.has(column)) return query;
    select[column] = true;
  }
  return { ...query, select };
}
