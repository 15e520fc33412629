import { isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import '../modules/tenancy/schema.ts';
import '../modules/audit/schema.ts';
import '../modules/events/schema.ts';
import '../modules/agents/schema.ts';
import '../modules/telemetry/schema.ts';
import '../modules/executions/schema.ts';
import '../modules/credentials/schema.ts';
import '../modules/triggers/schema.ts';
import '../modules/deliveries/schema.ts';

export const schema = builder.toSchema();

// The prisma plugin's related connections add `totalCount` with no way to describe it.
for (const type of Object.values(schema.getTypeMap())) {
  const totalCount =
    isObjectType(type) && type.name.endsWith('Connection')
      ? type.getFields().totalCount
      : undefined;
  if (totalCount && !totalCount.description)
    totalCount.description = 'How many nodes match, across all pages.';
}

// The relay plugin's node queries take no description for their arguments.
const queryFields = schema.getQueryType()?.getFields();
for (const argument of [...(queryFields?.node?.args ?? []), ...(queryFields?.nodes?.args ?? [])]) {
  argument.description ??=
    argument.name === 'id'
      ? 'A global id (`globalId` of an object).'
      : 'Global ids (`globalId` of objects).';
}

/** The SDL committed as schema.graphql (sorted, so the diff of a change shows only the change). */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
