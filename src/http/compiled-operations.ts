import {
  getNamedType,
  getOperationAST,
  isLeafType,
  isObjectType,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/**
 * Operations compiled by graphql-jit, by schema, document and operation name (null when it cannot
 * compile one): a compiled operation runs its resolvers without graphql-js building an execution
 * context, collecting fields and coercing values again on every run.
 */
const compiledOperations = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, CompiledQuery | null>>
>();
export function compiledOperation({ schema, document, operationName }: ExecutionArgs) {
  let byDocument = compiledOperations.get(schema);
  if (!byDocument) compiledOperations.set(schema, (byDocument = new WeakMap()));
  let byName = byDocument.get(document);
  if (!byName) byDocument.set(document, (byName = new Map()));
  let compiled = byName.get(operationName ?? '');
  if (compiled === undefined) {
    const compilation = compileQuery(schema, document, operationName ?? undefined);
    compiled = isCompiledQuery(compilation) ? compilation : null;
    byName.set(operationName ?? '', compiled);
  }
  return compiled;
}

/** A response path as graphql-js links it: each link's `prev` is the link of the field above. */
interface PathLink {
  readonly key: string | number;
  readonly prev: PathLink | undefined;
}

/**
 * One link per response path in one execution, as graphql-js gives: graphql-jit builds a new
 * `info.path` (and new links above it) on every resolver call, while Pothos' Prisma plugin finds
 * the selections a parent field loaded by the identity of the path links above a field. Without
 * them it loads each relation of a page again.
 */
class ResponsePaths {
  private readonly roots = new Map<string | number, PathLink>();
  private readonly below = new WeakMap<PathLink, Map<string | number, PathLink>>();

  canonical(path: PathLink): PathLink {
    const prev = path.prev && this.canonical(path.prev);
    let siblings = prev ? this.below.get(prev) : this.roots;
    if (!siblings) this.below.set(prev!, (siblings = new Map()));
    let link = siblings.get(path.key);
    if (!link) siblings.set(path.key, (link = { key: path.key, prev }));
    return link;
  }
}

/** On the root value of a compiled execution: where its resolvers' paths are made canonical. */
const RESPONSE_PATHS = Symbol('response paths');
type CompiledRoot = { [RESPONSE_PATHS]?: ResponsePaths };

/**
 * Gives the resolvers that plan or read Prisma selections (every field of an object type, and a
 * leaf that selects from its parent row) the canonical path of their execution when it runs
 * compiled. Other executions pass through at the cost of one property read.
 */
function canonicalPathsFor(schema: GraphQLSchema) {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      const readsSelections =
        !isLeafType(getNamedType(field.type)) || field.extensions.pothosPrismaSelect !== undefined;
      if (!resolve || !readsSelections) continue;
      const withCanonicalPath: GraphQLFieldResolver<unknown, unknown> = (
        parent,
        args,
        ctx,
        info,
      ) => {
        const paths = (info.rootValue as CompiledRoot | undefined)?.[RESPONSE_PATHS];
        if (paths) (info as { path: PathLink }).path = paths.canonical(info.path);
        return resolve(parent, args, ctx, info);
      };
      field.resolve = withCanonicalPath;
    }
  }
}

/**
 * Runs queries compiled (graphql-jit) once their document has run twice: compiling costs tens of
 * milliseconds of the event loop, so a document seen once (most of GraphiQL's) never pays it, and
 * the second run leaves the compiling to a later turn of the loop instead of waiting for it. A
 * compiled answer with errors is run again by yoga's own executor, so errors read as graphql-js
 * words them (queries only read: running one again changes nothing). Listed first: the plugins
 * after it (spans, metrics) wrap what it runs.
 */
export function useCompiledQueries(): Plugin {
  const prepared = new WeakSet<GraphQLSchema>();
  /** How many times each document not yet compiled has run. */
  const runs = new WeakMap<DocumentNode, number>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      if (!prepared.has(args.schema)) {
        prepared.add(args.schema);
        canonicalPathsFor(args.schema);
      }
      const before = runs.get(args.document) ?? 0;
      if (before < 2) {
        runs.set(args.document, before + 1);
        if (before === 1) setImmediate(() => compiledOperation(args));
        return;
      }
      const compiled = compiledOperation(args);
      if (!compiled) return;
      setExecuteFn(async (executed) => {
        const root: CompiledRoot = Object.create((executed.rootValue as object | null) ?? null);
        root[RESPONSE_PATHS] = new ResponsePaths();
        const result = (await compiled.query(
          root,
          executed.contextValue,
          executed.variableValues,
        )) as ExecutionResult;
        return result.errors ? executeFn(executed) : result;
      });
    },
  };
}
