import type { ConsoleExecutionJournalSubscription } from '../gql/graphql.ts';
import { json } from '../format.ts';

type Entry = ConsoleExecutionJournalSubscription['executionEvents'];

/** Entries in seq order, each once (a replay after reconnecting may repeat some). */
export const journalReducer = (
  entries: Entry[] = [],
  update: ConsoleExecutionJournalSubscription,
) =>
  entries.some((entry) => entry.seq === update.executionEvents.seq)
    ? entries
    : [...entries, update.executionEvents].sort((a, b) => a.seq - b.seq);

function describe(entry: Entry) {
  switch (entry.__typename) {
    case 'ExecutionTextDelta':
      return entry.text;
    case 'ExecutionStatusChanged':
      return `status ${entry.status}`;
    case 'ExecutionFinished':
      return `finished ${entry.status}`;
    case 'ExecutionToolCallRequested':
      return `tool call ${entry.name} ${json(entry.arguments)}`;
    case 'ExecutionApprovalRequested':
      return `approval requested for ${entry.name}`;
    case 'ExecutionApprovalDecided':
      return `${entry.expired ? 'expired' : entry.approved ? 'approved' : 'denied'}${entry.reason ? `: ${entry.reason}` : ''}`;
    case 'ExecutionToolResult':
      return `${entry.isError ? 'tool error' : 'tool result'} ${entry.name} ${json(entry.result)}`;
    case 'ExecutionStepRestarted':
      return `step ${entry.step} restarted`;
    case 'ExecutionErrorOccurred':
      return `error: ${entry.message}`;
  }
}

/** The run's journal as it streams: text pieces of one step join into one paragraph. */
export function Journal({ entries }: { entries: Entry[] }) {
  const blocks: { seq: number; kind: string; text: string }[] = [];
  for (const entry of entries) {
    const last = blocks.at(-1);
    if (entry.__typename === 'ExecutionTextDelta' && last?.kind === 'ExecutionTextDelta')
      last.text += entry.text;
    else blocks.push({ seq: entry.seq, kind: entry.__typename, text: describe(entry) });
  }
  return (
    <ol className="journal" aria-label="Journal" aria-live="polite">
      {blocks.map((block) => (
        <li key={block.seq} className={block.kind}>
          <span className="seq">#{block.seq}</span>{' '}
          <span className="kind">{block.kind.replace('Execution', '')}</span>{' '}
          <span className="text">{block.text}</span>
        </li>
      ))}
    </ol>
  );
}
