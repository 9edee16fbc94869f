import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { probe } from '../../../fixtures/calendar/host-tz-probe';

const script = path.resolve(__dirname, '../../../fixtures/calendar/host-tz-probe.ts');

function runWithTz(tz: string): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[];
}

describe('results do not depend on the host time zone', () => {
  const here = probe();

  it.each(['America/Los_Angeles', 'Pacific/Chatham', 'Asia/Kolkata'])(
    'gives identical results in a process with TZ=%s',
    (tz) => {
      expect(runWithTz(tz)).toEqual(here);
    },
  );
});
