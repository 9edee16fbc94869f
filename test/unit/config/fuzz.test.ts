// Fuzzing the parse → compute path: arbitrary JSON and templates mutated at random places are
// either rejected with a path and a message, or accepted and then computed without a throw.

import fc from 'fast-check';
import { parseSlaConfig } from '../../../src/config';
import { computeClocks, type SlaConfig, type SlaEvent } from '../../../src/domain/sla';
import { TEMPLATE_IDS, TEMPLATES } from '../../../src/domain/templates';

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const MIN = 60_000;

/** Every path to a value inside a JSON tree (objects and arrays), root excluded. */
function paths(v: JsonValue, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [];
  const keys: Array<string | number> = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => {
    const child = (v as Record<string | number, JsonValue>)[k]!;
    return [[...prefix, k], ...paths(child, [...prefix, k])];
  });
}

function mutate(root: JsonValue, path: Array<string | number>, op: 'set' | 'delete', value: JsonValue): JsonValue {
  const copy = JSON.parse(JSON.stringify(root)) as JsonValue;
  let node = copy as Record<string | number, JsonValue>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, JsonValue>;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

// Values that look like what belongs in a configuration, and some that do not.
const plausible: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>('4h', '0m', '2wd', '24h,5bd', '-1h', '1e9h', '99999999h', 'wd', '', 'Resolved', 'Open', '14d', '24h', 'soon', '09:00', '24:00', '25:00', '2026-02-30', 'Europe/Moscow', 'Mars/Base', 'constructor', 'toString', '__proto__', 'hasOwnProperty'),
  fc.constantFrom<JsonValue>(0, 1, 2, -1, 0.25, 1.5, 1e12, null, true, [], {}, [['09:00', '18:00']], [['18:00', '09:00']], { kind: 'months' }, { period: '0d' }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
);

function randomRequest(cfg: SlaConfig, created: number, raw: Array<{ off: number; kind: number; pick: number }>) {
  const statuses = ['Open', 'In Progress', 'Waiting for customer', 'Resolved', 'Closed', ...cfg.statuses.customerWait];
  const events: SlaEvent[] = raw.map(({ off, kind, pick }) => {
    const at = created + off * MIN;
    switch (kind % 5) {
      case 0: return { at, type: 'status', to: statuses[pick % statuses.length]! };
      case 1: return { at, type: 'comment', by: 'agent' };
      case 2: return { at, type: 'comment', by: 'customer' };
      case 3: return { at, type: 'priority', to: cfg.priorities[pick % Math.max(1, cfg.priorities.length)]?.id ?? String(pick) };
      default: return { at, type: 'package', to: cfg.packages[pick % cfg.packages.length]!.id };
    }
  });
  return { created, package: cfg.packages[0]!.id, priority: cfg.priorities[0]?.id ?? null, events };
}

const history = fc.array(fc.record({ off: fc.nat(30 * 24 * 60), kind: fc.nat(), pick: fc.nat() }), { maxLength: 15 });

function expectWellFormedIssues(issues: ReadonlyArray<{ path: string; message: string }>): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.message).toBe('string');
    expect(i.message.trim().length).toBeGreaterThan(0);
    // The guard in parseSlaConfig turns a crashing rule into this message; fuzzing must never reach it.
    expect(i.message).not.toMatch(/^the configuration cannot be read/);
  }
}

describe('invalid configurations', () => {
  it('rejects arbitrary JSON with a path and message and never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseSlaConfig(v);
        expect(r.ok).toBe(false);
        if (!r.ok) expectWellFormedIssues(r.issues);
      }),
      { numRuns: RUNS },
    );
  });

  it('either rejects a mutated template with paths and messages, or computes it without throwing', () => {
    const bases = TEMPLATE_IDS.map((id) => JSON.parse(JSON.stringify(TEMPLATES[id])) as JsonValue);
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(TEMPLATE_IDS.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), plausible), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-06-01T00:00:00Z') }),
        history,
        fc.nat(40 * 24 * 60),
        (which, edits, created, raw, nowOff) => {
          let cfg: JsonValue = bases[which]!;
          for (const [pick, op, value] of edits) {
            const ps = paths(cfg);
            if (ps.length === 0) break;
            cfg = mutate(cfg, ps[pick % ps.length]!, op, value);
          }
          const r = parseSlaConfig(cfg);
          if (!r.ok) {
            rejected++;
            expectWellFormedIssues(r.issues);
            return;
          }
          accepted++;
          const set = computeClocks(r.config, randomRequest(r.config, created, raw), created + nowOff * MIN);
          expect(Array.isArray(set.warnings)).toBe(true);
        },
      ),
      { numRuns: RUNS * 3 },
    );
    // Both outcomes must actually occur, or the property tests nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('rejects a template with a bad goal wherever it is, naming that goal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), fc.nat(), fc.constantFrom('4 hours', '0h', 'h4', '1.5bd', '-2wd'), (id, pick, bad) => {
        const cfg = JSON.parse(JSON.stringify(TEMPLATES[id]));
        const clock = (Object.keys(cfg.goals) as Array<'reaction' | 'resolution'>)[pick % Object.keys(cfg.goals).length]!;
        const keys = Object.keys(cfg.goals[clock]);
        const key = keys[pick % keys.length]!;
        cfg.goals[clock][key] = bad;
        const r = parseSlaConfig(cfg);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(`goals.${clock}[${JSON.stringify(key)}]`);
      }),
      { numRuns: RUNS },
    );
  });
});
