import { inputErrorMessage, CliInputError, type CliCommand, type CliContext } from '../cli-kit';

/**
 * Answers one JSON line: dispatches by `op` through the command registry. Never throws:
 * a bad line becomes `{"error": "..."}`.
 */
export async function answerLine(line: string, ctx: CliContext): Promise<unknown> {
  try {
    if (line.trim() === '') throw new CliInputError('empty line: expected a JSON object with "op"');
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (e) {
      throw new CliInputError(`not valid JSON: ${(e as Error).message}`);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new CliInputError('expected a JSON object with "op"');
    }
    const record = input as Record<string, unknown>;
    const op = record.op;
    const ops = Object.keys(ctx.commands).filter((name) => ctx.commands[name]?.batch !== undefined);
    const cmd = typeof op === 'string' && op !== 'batch' ? ctx.commands[op] : undefined;
    if (!cmd?.batch) throw new CliInputError(`op: expected one of ${ops.join(', ')}, got ${JSON.stringify(op)}`);
    return await cmd.batch(record, ctx);
  } catch (e) {
    // A bug must not stop the batch either; its message still says what failed.
    return { error: inputErrorMessage(e) ?? `internal error: ${(e as Error).message}` };
  }
}

export const batchCommand: CliCommand = {
  summary: 'JSON lines in (one request per line, by "op"), one JSON line out per line, in order',
  usage: 'batch < requests.jsonl',
  async run(argv: string[], ctx: CliContext) {
    if (argv.length > 0) throw new CliInputError(`batch takes no options (got ${argv.join(' ')}); pipe JSON lines to stdin`);
    for await (const line of ctx.io.stdinLines()) {
      ctx.io.out(JSON.stringify(await answerLine(line, ctx)));
    }
  },
};
