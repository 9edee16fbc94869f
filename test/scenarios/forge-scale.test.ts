import { CHUNK_SIZE } from '../../src/app/full-recompute';
import { measureScale } from './scale';

// 10 000 requests on the emulator take a while on a shared 2-core machine.
jest.setTimeout(600_000);

describe('a site of 10 000 open requests', () => {
  let r: Awaited<ReturnType<typeof measureScale>>;
  beforeAll(async () => {
    const log = console.log;
    console.log = () => undefined;
    try {
      r = await measureScale({ openIssues: 10_000, changing: 200 });
    } finally {
      console.log = log;
    }
  });

  it('recomputes all of them through the queue in chunks of at most 100', () => {
    expect(r.recomputed).toBe(10_000);
    expect(r.fullRecomputeChunks).toBe(Math.ceil(10_000 / CHUNK_SIZE));
  });

  it('sweeps with nothing due in at most 2 Jira calls', () => {
    expect(r.idleCalls).toBeLessThanOrEqual(2);
  });

  // The 200 changed issues are read once more right before their writes (⌈200/100⌉ pages), so a
  // trigger's newer result written meanwhile is not overwritten with an older one; the
  // reconciliation pass reads one page of recently updated issues.
  it('sweeps 200 state changes with ⌈200/100⌉ search pages, the same again to re-read before writing, one reconciliation page, ⌈200/1000⌉ changelog call and a few bulk writes (with their task reads)', () => {
    expect(r.atRiskAfter).toBe(200);
    expect(r.changedByRoute['POST /rest/api/3/search/jql']).toBeLessThanOrEqual(2 + 2 + 1);
    expect(r.changedByRoute['POST /rest/api/3/changelog/bulkfetch']).toBe(1);
    const writes = (r.changedByRoute['POST /rest/api/3/app/field/value'] ?? 0) + (r.changedByRoute['POST /rest/api/3/issue/properties/multi'] ?? 0);
    expect(writes).toBeLessThanOrEqual(4);
    // Each bulk property write is an async task read until it ends (the emulator's reads RUNNING once, then COMPLETE).
    const multi = r.changedByRoute['POST /rest/api/3/issue/properties/multi'] ?? 0;
    expect(r.changedByRoute['GET /rest/api/3/task/{taskId}'] ?? 0).toBe(2 * multi);
    expect(r.changed200Calls).toBeLessThanOrEqual(2 + 2 + 1 + 1 + 4 + 2 * multi);
    expect(r.changed200Calls * 100).toBeLessThan(r.naiveCalls);
  });
});
