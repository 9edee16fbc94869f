// The `sla` command registry: one file per command. `batch` dispatches JSON lines by `op`
// to the `batch` handler of the command with that name.

import type { CliCommand } from '../cli-kit';
import { batchCommand } from './batch';
import { dueCommand } from './due';
import { elapsedCommand } from './elapsed';
import { evaluateCommand } from './evaluate';
import { reportCommand } from './report';
import { statsCommand } from './stats';

export const COMMANDS: Record<string, CliCommand> = {
  due: dueCommand,
  elapsed: elapsedCommand,
  stats: statsCommand,
  batch: batchCommand,
  evaluate: evaluateCommand,
  report: reportCommand,
};
