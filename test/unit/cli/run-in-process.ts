// Runs the `sla` CLI in-process with captured output, the given stdin lines and an in-memory file map.
import type { CliIo } from '../../../src/cli/cli-kit';
import { main } from '../../../src/cli/sla';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export async function runSla(argv: string[], stdin: string[] = [], files: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readText: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT ${p}`);
      return text;
    },
    async *stdinLines() {
      yield* stdin;
    },
  };
  const code = await main(argv, io);
  return { code, out, err };
}
