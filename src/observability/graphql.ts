import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { currentLogFields } from '../kernel/log-context.ts';
import { inSpan } from '../kernel/tracing.ts';
import type { Metrics } from './metrics.ts';

const operationOf = (document: DocumentNode, operationName?: string | null) => {
  const operation = getOperationAST(document, operationName);
  return { name: operation?.name?.value ?? 'anonymous', type: operation?.operation ?? 'unknown' };
};

const outcomeOf = (result: unknown) =>
  (result as ExecutionResult).errors?.length ? 'error' : 'success';

/**
 * GraphQL's share of metrics, traces and logs: @graphql-yoga/plugin-prometheus's operation
 * counters and phase durations, a count by outcome, the streaming subscriptions, a span per
 * operation (`query Name`), and the operation's name on the request's log lines.
 */
export function observeOperations(metrics: Metrics): Plugin[] {
  return [
    usePrometheus({
      registry: metrics.registry,
      endpoint: false,
      metrics: {
        graphql_yoga_http_duration: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_envelop_request_time_summary: false,
      },
    }),
    {
      onExecute({ args, executeFn, setExecuteFn }) {
        const { name, type } = operationOf(args.document, args.operationName);
        const fields = currentLogFields();
        if (fields) fields.operationName = name;
        setExecuteFn((executeArgs) =>
          inSpan(`${type} ${name}`, { attributes: operationAttributes(name, type) }, async () =>
            executeFn(executeArgs),
          ),
        );
        return {
          onExecuteDone({ result }) {
            metrics.graphqlOperations.inc({ operation: name, type, outcome: outcomeOf(result) });
          },
        };
      },
      onSubscribe({ args }) {
        const { name, type } = operationOf(args.document, args.operationName);
        const fields = currentLogFields();
        if (fields) fields.operationName = name;
        return {
          onSubscribeResult({ result }) {
            metrics.graphqlOperations.inc({ operation: name, type, outcome: outcomeOf(result) });
            if (!(Symbol.asyncIterator in (result as object))) return;
            metrics.subscriptions.inc();
            return { onEnd: () => metrics.subscriptions.dec() };
          },
          onSubscribeError() {
            metrics.graphqlOperations.inc({ operation: name, type, outcome: 'error' });
          },
        };
      },
    },
  ];
}

const operationAttributes = (name: string, type: string) => ({
  'graphql.operation.name': name,
  'graphql.operation.type': type,
});
