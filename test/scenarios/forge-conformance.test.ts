// The app on an emulator that answers as Jira and Forge do (issues 10 and 16): field values that
// conform to the manifest schema, reads by id that survive a deleted issue, statuses by id.
import { AGENT, CUSTOMER_EN, startSite, type Site } from './forge-harness';

describe('SLA state field values conform to the manifest schema', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('writes a state with no next check (nothing scheduled) without the key, and Forge accepts it', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN, priority: '2' });
    await site.emu.actions.transition(key, 'Closed', AGENT);
    const s = site.state(key);
    expect(s.property?.nextCheckAt).toBeNull();
    expect(s.stateField).toEqual(expect.objectContaining({ state: expect.any(String), breached: expect.any(String), paused: expect.any(String) }));
    expect(s.stateField).not.toHaveProperty('nextCheck');
    expect(site.emu.errors).toEqual([]);
  });

  it('posts no acknowledgement when Jira refuses the field write (the values were never stored)', async () => {
    // A field whose schema the app's value cannot meet: every write of it is refused with 400.
    const field = site.emu.manifest.fields.find((f) => f.moduleKey === 'sla-state')!;
    field.schema = { ...field.schema, required: ['neverWritten'] };
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer', reporter: CUSTOMER_EN });
    await site.emu.actions.setField(key, 'priority', '2', AGENT);
    await site.emu.actions.comment(key, { author: AGENT, body: 'On it' });
    await site.emu.runSweep();
    expect(site.emu.errors.length).toBeGreaterThan(0);
    expect(site.state(key).comments.filter((c) => c.author !== AGENT)).toEqual([]);
  });
});
