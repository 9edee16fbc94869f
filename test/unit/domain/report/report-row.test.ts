import { packReportRow, unpackReportRow } from '../../../../src/domain/report';
import { clk, overdue, row } from './rows';

describe('report row storage form', () => {
  it('reads back exactly the row it packed', () => {
    const r = row({ reaction: clk('met', 12.5, 180), resolution: overdue(500.25, 480), followUp: [clk('met', 3), clk('running', 1)], pausedMinutes: 42, customer: null });
    const stored = JSON.parse(JSON.stringify(packReportRow(r))) as unknown;
    expect(unpackReportRow(stored)).toEqual({ ok: true, row: r });
  });

  it('is smaller than the row as a JSON object', () => {
    const r = row({ reaction: clk('met', 12.5, 180), resolution: clk('met', 300, 480), followUp: [clk('met', 3)] });
    expect(JSON.stringify(packReportRow(r)).length).toBeLessThan(JSON.stringify(r).length * 0.6);
  });

  it('rounds minutes to the millisecond', () => {
    const r = row({ reaction: clk('met', 1 / 3) });
    const back = unpackReportRow(packReportRow(r));
    expect(back.ok && back.row.reaction?.elapsedMinutes).toBe(Math.round(20_000) / 60_000);
  });

  it('rejects a value of another shape, naming where', () => {
    const packed = packReportRow(row({ reaction: clk('met', 5) })) as unknown[];
    packed[9] = [9, 1, 5, 60];
    const res = unpackReportRow(packed);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/^report row SUP-\d+ reaction\.state: /);
    expect(unpackReportRow({ key: 'x' })).toEqual({ ok: false, error: expect.stringMatching(/^report row/) });
  });

  it('rejects negative minutes', () => {
    const packed = packReportRow(row({ pausedMinutes: 1 })) as unknown[];
    packed[12] = -5;
    const res = unpackReportRow(packed);
    expect(!res.ok && res.error).toMatch(/^report row SUP-\d+ pausedMinutes: /);
  });
});
