// Report rows through the real @forge/kvs adapter on the emulator's KVS (the same calls Forge
// storage answers): key alphabet, create-if-absent locks with a TTL, prefix queries past a page.
import { forgeKvsStore } from '../../src/adapters/forge/kvs-store';
import { loadReportRows, saveReportRows, SHARDS } from '../../src/app/report-rows';
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
    expect(await saveReportRows({ store: forgeKvsStore, log }, [...march, ...april])).toBe(2 * SHARDS);
    const { rows, invalid } = await loadReportRows({ store: forgeKvsStore, log }, ['SUP'], Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 31));
    expect(invalid).toBe(0);
    expect(rows.filter((r) => r.month === '2026-03').sort((a, b) => a.createdMs - b.createdMs)).toEqual(march);
    expect(warnings).toEqual([]);
  });

  it('writes nothing when the rows are saved again unchanged', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i, '2026-03'));
    await saveReportRows({ store: forgeKvsStore, log }, rows);
    expect(await saveReportRows({ store: forgeKvsStore, log }, rows)).toBe(0);
  });
});
