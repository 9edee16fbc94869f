// Report rows through the real @forge/kvs adapter on the emulator's KVS (the same calls Forge
// storage answers): key alphabet, batch get/set, prefix queries past a page, the unit budget.
import { forgeKvsStore } from '../../src/adapters/forge/kvs-store';
import { loadReportRows, saveReportRows } from '../../src/app/report-rows';
import type { ReportRow } from '../../src/domain/report';
import { createEmulator, type Emulator } from '../../local/emulator';

let emu: Emulator;
const warnings: unknown[] = [];
const log = { info() {}, warn: (m: string, d?: unknown) => void warnings.push([m, d]), error() {} };

beforeEach(() => {
  warnings.length = 0;
  emu = createEmulator({ clock: { now: () => Date.UTC(2026, 3, 1) } });
  emu.seedSite();
  emu.install();
});
afterEach(() => {
  emu.uninstall();
  emu.close();
});

function row(i: number, month: string): ReportRow {
  return {
    key: `SUP-${i}`,
    project: 'SUP',
    createdMs: Date.parse(`${month}-05T09:00:00+03:00`) + i * 60_000,
    month,
    package: 'contract',
    priority: String((i % 4) + 1),
    customer: i % 2 === 0 ? 'АКБ Барьер' : 'ООО «Ромашка»',
    agent: null,
    reaction: { state: i % 3 === 0 ? 'breached' : 'met', stopped: true, elapsedMinutes: 10 + i, goalMinutes: 180 },
    resolution: { state: 'running', stopped: false, elapsedMinutes: i, goalMinutes: 480 },
    followUp: [],
    pausedMinutes: i % 5,
    computedAtMs: Date.UTC(2026, 3, 1),
    answers: 1,
    accountedMinutes: 30,
  };
}

describe('report rows on Forge KVS (emulated)', () => {
  it('saves 300 rows of two months and reads back exactly those of the period', async () => {
    const march = Array.from({ length: 200 }, (_, i) => row(i, '2026-03'));
    const april = Array.from({ length: 100 }, (_, i) => row(1000 + i, '2026-04'));
    emu.kvs.resetUsage();
    expect(await saveReportRows({ store: forgeKvsStore, log }, [...march, ...april])).toEqual({ written: 300, failed: 0 });
    // 300 rows: 12 batch reads of the rows, 1 of the month index; 1 batch write of the index, 12 of the rows.
    expect(emu.kvs.usage()).toEqual(expect.objectContaining({ reads: 13, writes: 13, readUnits: 13, writeUnits: 13, refused: 0 }));
    const { rows, invalid } = await loadReportRows({ store: forgeKvsStore, log }, ['SUP'], Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 31));
    expect(invalid).toBe(0);
    expect(rows.filter((r) => r.month === '2026-03').sort((a, b) => a.createdMs - b.createdMs)).toEqual(march);
    expect(warnings).toEqual([]);
  });

  it('writes nothing when the rows are saved again unchanged', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i, '2026-03'));
    await saveReportRows({ store: forgeKvsStore, log }, rows);
    emu.kvs.resetUsage();
    expect(await saveReportRows({ store: forgeKvsStore, log }, rows)).toEqual({ written: 0, failed: 0 });
    expect(emu.kvs.usage()).toEqual(expect.objectContaining({ reads: 1, writes: 0 }));
  });

  it('one changed request writes one unit', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i, '2026-03'));
    await saveReportRows({ store: forgeKvsStore, log }, rows);
    emu.kvs.resetUsage();
    const changed = { ...rows[4]!, reaction: { ...rows[4]!.reaction!, state: 'breached' as const } };
    expect(await saveReportRows({ store: forgeKvsStore, log }, [changed])).toEqual({ written: 1, failed: 0 });
    expect(emu.kvs.usage()).toEqual(expect.objectContaining({ readUnits: 1, writeUnits: 1 }));
  });

  it('indexes 1 100 projects × 24 months, past what one index value held (~975 × 24 under 240 KiB), and finds the last project', async () => {
    const months = Array.from({ length: 24 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const rows: ReportRow[] = [];
    for (let p = 0; p < 1100; p++) for (const m of months) rows.push({ ...row(p, m), key: `P${p}-${m.replace('-', '')}`, project: `P${p}` });
    expect(await saveReportRows({ store: forgeKvsStore, log }, rows)).toEqual({ written: rows.length, failed: 0 });
    expect(emu.kvs.usage().refused).toBe(0);
    const { rows: back } = await loadReportRows({ store: forgeKvsStore, log }, ['P1099'], Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 31));
    expect(back).toHaveLength(24);
    expect(warnings).toEqual([]);
  });
});
