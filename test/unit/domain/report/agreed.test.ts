// Agreed deadlines in reports (issue 15): the packed row keeps the flags and old rows still read;
// the report and the act count "met as agreed" apart; the CSV has the column.
import { ReportAccumulator, customerAct, packReportRow, unpackReportRow } from '../../../../src/domain/report';
import { reportCsv } from '../../../../src/domain/report/csv';
import Papa from 'papaparse';
import type { SlaConfig } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';
import { clk, row } from './rows';

const agreedMet = { ...clk('met', 90, 120), extended: true, agreed: true };
const extendedBreached = { ...clk('breached', 500, 480), extended: true };

describe('agreed deadlines in report rows', () => {
  it('packs the flags as a 5th element and reads them back', () => {
    const r = row({ reaction: agreedMet, resolution: extendedBreached });
    const packed = JSON.parse(JSON.stringify(packReportRow(r))) as unknown[];
    expect(packed[9]).toEqual([3, 1, 90, 120, 3]);
    expect(packed[10]).toEqual([4, 1, 500, 480, 1]);
    expect(unpackReportRow(packed)).toEqual({ ok: true, row: r });
  });

  it('reads a row stored before agreements (4-element clocks) as not agreed, and packs an unagreed clock as before', () => {
    const r = row({ reaction: clk('met', 10, 30) });
    const packed = packReportRow(r) as unknown[];
    expect(packed[9]).toEqual([3, 1, 10, 30]);
    const back = unpackReportRow(packed);
    expect(back.ok && back.row.reaction).toEqual({ state: 'met', stopped: true, elapsedMinutes: 10, goalMinutes: 30 });
  });

  it('refuses an unknown agreement bit', () => {
    const packed = packReportRow(row({ reaction: clk('met', 10, 30) })) as unknown[];
    packed[9] = [3, 1, 10, 30, 4];
    expect(unpackReportRow(packed).ok).toBe(false);
  });
});

describe('met as agreed, counted apart', () => {
  it('the report counts met as agreed within met, and extended clocks; rows without agreements show neither', () => {
    const plain = row({ reaction: clk('met', 10, 30) });
    const acc = new ReportAccumulator([plain]);
    expect(acc.report().total.clocks.reaction).not.toHaveProperty('metAsAgreed');
    const agreed = row({ reaction: agreedMet, resolution: extendedBreached });
    acc.upsert(agreed);
    expect(acc.report().total.clocks.reaction).toEqual(expect.objectContaining({ met: 2, metAsAgreed: 1, extended: 1, metPercent: 100 }));
    expect(acc.report().total.clocks.resolution).toEqual(expect.objectContaining({ breached: 1, extended: 1 }));
    expect(acc.report().total.clocks.resolution).not.toHaveProperty('metAsAgreed');
    // Recomputed without the agreement (say, a reopened request): the counts go back.
    acc.upsert({ ...agreed, reaction: clk('met', 10, 30), resolution: null });
    expect(acc.report().total.clocks.reaction).not.toHaveProperty('metAsAgreed');
    expect(acc.report().total.clocks.reaction).not.toHaveProperty('extended');
  });

  it('the CSV ends with the met-as-agreed column, in both languages', () => {
    const acc = new ReportAccumulator([row({ reaction: agreedMet }), row({ reaction: clk('met', 10, 30) })]);
    const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const en = parse(reportCsv(acc.report(), { locale: 'en', dimensions: [] }));
    expect(en[0]!.at(-1)).toBe('Met as agreed');
    expect(en[1]!.at(-1)).toBe('1');
    const ru = parse(reportCsv(acc.report(), { locale: 'ru', dimensions: [] }));
    expect(ru[0]!.at(-1)).toBe('Выполнено по согласованному сроку');
  });

  it('the customer act counts agreed deadlines and met as agreed', () => {
    const config = TEMPLATES.altec as SlaConfig;
    const rows = [row({ reaction: agreedMet, resolution: extendedBreached }), row({ reaction: clk('met', 10, 30) })];
    const act = customerAct(config, rows, 'АКБ Барьер', rows[0]!.month);
    expect(act.agreedExtensions).toBe(2);
    expect(act.total.clocks.reaction).toEqual({ met: 2, breached: 0, open: 0, metPercent: 100, metAsAgreed: 1 });
    expect(act.total.clocks.resolution).toEqual({ met: 0, breached: 1, open: 0, metPercent: 0 });
  });
});
