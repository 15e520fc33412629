import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { LlmEventFilter, TelemetryUsageDimension } from '../gql/graphql.ts';
import { ms, percent, usd } from '../format.ts';
import { UsageChart } from '../UsageChart.tsx';

const ConsoleUsage = graphql(`
  query ConsoleUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {
    telemetryUsage(groupBy: $groupBy, filter: $filter) {
      day
      agent
      version
      model
      person
      count
      inputTokens
      outputTokens
      costUsd
      errorRate
      p95LatencyMs
    }
  }
`);

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const BREAKDOWNS: { title: string; groupBy: TelemetryUsageDimension[] }[] = [
  { title: 'By model', groupBy: ['MODEL'] },
  { title: 'By agent', groupBy: ['AGENT'] },
  { title: 'By version', groupBy: ['AGENT', 'VERSION'] },
  { title: 'By person', groupBy: ['PERSON'] },
];

/** Usage grouped by `groupBy`: calls, tokens, cost, p95 latency and error rate per group. */
function Breakdown(props: {
  title: string;
  groupBy: TelemetryUsageDimension[];
  filter: LlmEventFilter;
}) {
  const [{ data, error }] = useQuery({
    query: ConsoleUsage,
    variables: { groupBy: props.groupBy, filter: props.filter },
  });
  const name = (group: NonNullable<typeof data>['telemetryUsage'][number]) =>
    props.groupBy.map((dimension) => group[dimension.toLowerCase() as 'agent'] ?? '—').join(' / ');
  return (
    <section className="card">
      <h2>{props.title}</h2>
      <ErrorNote error={error} />
      <table className="list" aria-label={`Usage ${props.title.toLowerCase()}`}>
        <thead>
          <tr>
            <th>{props.groupBy.map((dimension) => dimension.toLowerCase()).join(' / ')}</th>
            <th className="number">Calls</th>
            <th className="number">Tokens</th>
            <th className="number">Cost</th>
            <th className="number">p95</th>
            <th className="number">Errors</th>
          </tr>
        </thead>
        <tbody>
          {data?.telemetryUsage.map((group) => (
            <tr key={name(group)}>
              <td>
                {props.groupBy[0] === 'PERSON' && group.person ? (
                  <Link href={`/telemetry/persons/${encodeURIComponent(group.person)}`}>
                    {group.person}
                  </Link>
                ) : (
                  name(group)
                )}
              </td>
              <td className="number">{group.count}</td>
              <td className="number">{group.inputTokens + group.outputTokens}</td>
              <td className="number">{usd(group.costUsd)}</td>
              <td className="number">{ms(group.p95LatencyMs)}</td>
              <td className="number">{percent(group.errorRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Telemetry() {
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 13 * DAY_MS)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [agent, setAgent] = useState('');
  const [model, setModel] = useState('');
  const [person, setPerson] = useState('');
  const filter: LlmEventFilter = {
    from: `${from}T00:00:00Z`,
    to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString(),
    ...(agent ? { agent } : {}),
    ...(model ? { model } : {}),
    ...(person ? { person } : {}),
  };
  const [{ data, error }] = useQuery({
    query: ConsoleUsage,
    variables: { groupBy: ['DAY'], filter },
  });
  const days = useMemo(
    () => [...(data?.telemetryUsage ?? [])].sort((a, b) => a.day!.localeCompare(b.day!)),
    [data],
  );
  const series = useMemo(() => {
    const times = days.map((group) => Date.parse(group.day!) / 1000);
    return {
      times,
      cost: days.map((group) => group.costUsd ?? 0),
      tokens: days.map((group) => group.inputTokens + group.outputTokens),
      calls: days.map((group) => group.count),
    };
  }, [days]);
  const range: [number, number] = [Date.parse(filter.from!) / 1000, Date.parse(filter.to!) / 1000];
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const textFilter = (label: string, value: string, set: (value: string) => void) => (
    <label>
      {label}
      <input value={value} onChange={(event) => set(event.target.value)} placeholder="any" />
    </label>
  );
  return (
    <section aria-labelledby="telemetry-title">
      <h1 id="telemetry-title">Telemetry</h1>
      <div className="filters">
        <label>
          From
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        {textFilter('Agent', agent, setAgent)}
        {textFilter('Model', model, setModel)}
        {textFilter('Person', person, setPerson)}
      </div>
      <ErrorNote error={error} />
      <div className="totals" aria-label="Totals">
        <div>
          <span className="hint">Calls</span>
          <strong data-testid="total-calls">{total(series.calls)}</strong>
        </div>
        <div>
          <span className="hint">Tokens</span>
          <strong data-testid="total-tokens">{total(series.tokens)}</strong>
        </div>
        <div>
          <span className="hint">Cost</span>
          <strong data-testid="total-cost">{usd(total(series.cost))}</strong>
        </div>
      </div>
      <div className="cards">
        <UsageChart label="Cost (USD)" times={series.times} values={series.cost} range={range} />
        <UsageChart label="Tokens" times={series.times} values={series.tokens} range={range} />
        <UsageChart label="Calls" times={series.times} values={series.calls} range={range} />
      </div>
      <details>
        <summary>Per day</summary>
        <table className="list" aria-label="Usage per day">
          <thead>
            <tr>
              <th>Day</th>
              <th className="number">Calls</th>
              <th className="number">Tokens</th>
              <th className="number">Cost</th>
            </tr>
          </thead>
          <tbody>
            {days.map((group, index) => (
              <tr key={group.day}>
                <td>{group.day!.slice(0, 10)}</td>
                <td className="number">{series.calls[index]}</td>
                <td className="number">{series.tokens[index]}</td>
                <td className="number">{usd(group.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="cards wide">
        {BREAKDOWNS.map((breakdown) => (
          <Breakdown key={breakdown.title} {...breakdown} filter={filter} />
        ))}
      </div>
    </section>
  );
}
