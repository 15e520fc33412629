import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the query selects any of `fields` on the resolved field's objects, fragments included. */
export function selectsAny(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const within = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) =>
      selection.kind === Kind.FIELD
        ? fields.includes(selection.name.value)
        : within(
            selection.kind === Kind.INLINE_FRAGMENT
              ? selection.selectionSet
              : info.fragments[selection.name.value]?.selectionSet,
          ),
    );
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
