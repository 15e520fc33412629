// What a row measures and how the run hands it its server, fixtures and earlier figures.
import type { Fixtures } from './fixtures.ts';
import type { Server } from './server.ts';
import type { Target } from './db.ts';

export interface Result {
  row: string;
  figure: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
  /** figure / baseline. */
  ratio?: number;
  goal: string;
  pass?: boolean;
  note?: string;
}

export interface RowContext {
  mode: 'embedded' | 'pg';
  target: Target;
  server: Server;
  fixtures: Fixtures;
  adminKey: string;
  /** The copy of the database the list baseline reads (embedded), else the target. */
  listTarget: Target;
  /** Raw reads measured while the server was stopped (ms): usage's count(*), replay's journal. */
  rawReads: Record<string, number>;
  firstStartMs: number;
  idleRssMb: number;
  fakeModelUrl: string;
  /** Results of the rows run so far, by name. */
  results: Map<string, Result[]>;
  log(line: string): void;
}

export type Row = (context: RowContext) => Promise<Result[]>;

export const ratioOf = (figure: number, baseline: number) =>
  baseline ? figure / baseline : undefined;
