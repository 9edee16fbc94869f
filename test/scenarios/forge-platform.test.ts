// Issue 16, platform facts: the licence in Forge's context is `license.active` (isActive is
// deprecated) and triggers carry filter.appIsLicensed; the app's fields exist once per environment
// of the app on a site, and only this environment's count.

import { OTHER_ENV_ID } from '../../local/emulator/jira';
import { matchAppFields } from '../../src/adapters/forge/field-directory';
import { CUSTOMER, MINUTE, startSite } from './forge-harness';

describe('licence and environments on the emulator', () => {
  it('the emulator invokes neither the sweep nor the issue trigger of an unlicensed site (filter.appIsLicensed)', async () => {
    const site = await startSite({ template: 'altec' });
    site.emu.setLicensed(false);
    site.emu.resetCalls();
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '2' });
    expect(await site.emu.runSweep()).toBeUndefined();
    expect(site.emu.callCounts()).toEqual({});
    expect(site.state(key).property).toBeUndefined();
    site.close();
  });

  it('the emulator lists a second environment\'s fields with the same module keys, and the app writes only to its own', async () => {
    const site = await startSite({ template: 'altec' });
    const fields = site.emu.jira.handle('GET', '/rest/api/3/field', undefined, { kind: 'app' }).body as Array<{ id: string; schema?: { custom?: string } }>;
    const reaction = fields.filter((f) => f.schema?.custom?.endsWith('/static/sla-reaction-due'));
    expect(reaction).toHaveLength(2);
    expect(reaction.some((f) => f.schema!.custom!.includes(`/${OTHER_ENV_ID}/`))).toBe(true);
    // Without the environment both match and the later (the other environment's) wins: the bug.
    const own = site.emu.jira.field('sla-reaction-due')!.id;
    expect(matchAppFields(fields, undefined, null).reactionDue).not.toBe(own);
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
    site.advance(MINUTE);
    await site.emu.runSweep();
    expect(site.state(key).reactionDue).toEqual(expect.any(String));
    expect(site.emu.errors).toEqual([]);
    site.close();
  });
});

describe('calendar import size', () => {
  it('the emulator refuses an invoke over 500 KB, and the resolver refuses a file over the byte cap that 400 000 characters let through', async () => {
    const { CALENDAR_IMPORT_MAX_BYTES, invokeTextBytes } = await import('../../src/shared/contract');
    const site = await startSite({ template: 'altec' });
    // 300 000 Cyrillic characters: under the old 400 000-character cap, 600 000 bytes on the wire.
    const big = 'Праздник;'.repeat(33_334);
    expect(big.length).toBeLessThan(400_000);
    await expect(site.call('importCalendar', { format: 'csv', text: big })).rejects.toThrow(/500 KB/);
    // Just over the app's cap but under the platform's: the resolver says why, in bytes.
    const near = 'x'.repeat(CALENDAR_IMPORT_MAX_BYTES);
    expect(invokeTextBytes(near)).toBeGreaterThan(CALENDAR_IMPORT_MAX_BYTES);
    const r = await site.call('importCalendar', { format: 'csv', text: near });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('500 KB');
    site.close();
  });
});
