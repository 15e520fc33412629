import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  parse,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AppError } from '../kernel/errors.ts';
import { toGraphQLError } from './graphql-error.ts';
import { checkText } from '../kernel/json-input.ts';

export interface DocumentLimits {
  maxTokens: number;
  maxFields: number;
  maxDepth: number;
}

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);
const tooComplex = (message: string) => new AppError('QUERY_TOO_COMPLEX', message);

/**
 * One pass of graphql-js's lexer before the parser runs: at most `maxTokens` tokens (what graphql's
 * own `maxTokens` bounds), nesting at most `maxDepth` deep (the recursive parser would overflow the
 * stack on a list literal thousands deep), and no string the database cannot store. Throws
 * AppErrors, which yoga's error mask and the WebSocket layer report with their codes.
 */
function checkDocument(source: Source, { maxTokens, maxDepth }: DocumentLimits) {
  const lexer = new Lexer(source);
  let tokens = 0;
  let depth = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > maxTokens) throw tooComplex(`The document holds more than ${maxTokens} tokens`);
    if (opening.has(token.kind) && ++depth > maxDepth)
      throw tooComplex(`The document nests deeper than ${maxDepth} levels`);
    if (closing.has(token.kind)) depth--;
    if (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING)
      checkText(token.value!, [`line ${token.line}`]);
  }
}

/** Every field an operation selects, aliases included and each fragment spread counted where it is spread. */
function fieldCountRule(maxFields: number) {
  return function FieldCount(context: ValidationContext): ASTVisitor {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    const fragmentFields = new Map<string, number>();
    const visiting = new Set<string>();
    const count = (selectionSet: SelectionSetNode | undefined): number => {
      let fields = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) fields += 1 + count(selection.selectionSet);
        else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet);
        else {
          const name = selection.name.value;
          // A cycle is NoFragmentCyclesRule's to report; it adds nothing here.
          if (!fragmentFields.has(name) && !visiting.has(name)) {
            visiting.add(name);
            fragmentFields.set(name, count(fragments.get(name)?.selectionSet));
            visiting.delete(name);
          }
          fields += fragmentFields.get(name) ?? 0;
        }
      }
      return fields;
    };
    return {
      OperationDefinition(operation) {
        const fields = count(operation.selectionSet);
        if (fields > maxFields) {
          const error = toGraphQLError(
            tooComplex(`The operation selects ${fields} fields, over the limit of ${maxFields}`),
          );
          context.reportError(
            new GraphQLError(error.message, { nodes: [operation], extensions: error.extensions }),
          );
        }
      },
    };
  };
}

/** Bounds a GraphQL document before it is parsed and before it runs, over HTTP and WebSocket alike. */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  const rule = fieldCountRule(limits.maxFields);
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const checked = typeof source === 'string' ? new Source(source) : source;
        checkDocument(checked, limits);
        return parse(checked, options);
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
