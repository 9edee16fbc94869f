// Directory: what the notifications' language, the admin page and the version list rely on.
import { AGENT_EN, CUSTOMER, NOBODY, type MakeWorld, type PortWorld } from './world';

export function directoryContract(makeWorld: MakeWorld): void {
  let w: PortWorld;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(() => w.close());

  it('knows a person\'s language and name, and null for someone Jira does not know', async () => {
    expect(await w.app.userLocale(CUSTOMER)).toBe('ru');
    expect(await w.app.userLocale(AGENT_EN)).toBe('en');
    expect(await w.app.userLocale(NOBODY)).toBeNull();
    expect(await w.app.userDisplayName(AGENT_EN)).toBe('Maria Smirnova');
    expect(await w.app.userDisplayName(NOBODY)).toBeNull();
  });

  it('lists the site\'s statuses with their categories and the projects', async () => {
    const statuses = await w.app.listStatuses();
    expect(statuses).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Open', category: 'new' }), expect.objectContaining({ name: 'Closed', category: 'done' })]));
    expect(new Set(statuses.map((s) => s.id)).size).toBe(statuses.length);
    expect(await w.app.listProjects()).toEqual(expect.arrayContaining([{ key: 'SUP', name: 'Support' }]));
  });
}
