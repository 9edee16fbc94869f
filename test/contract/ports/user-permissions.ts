// UserPermissions (asUser): what the admin page, the agreed deadline and the reports rely on.
import { ADMIN, AGENT, CUSTOMER, LEAD, type MakeWorld, type PortWorld } from './world';

export function userPermissionsContract(makeWorld: MakeWorld): void {
  let w: PortWorld;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(() => w.close());

  it('tells a Jira administrator and a project administrator from an agent', async () => {
    expect(await w.asUser(ADMIN).isJiraAdmin()).toBe(true);
    expect(await w.asUser(AGENT).isJiraAdmin()).toBe(false);
    expect(await w.asUser(LEAD).isJiraAdmin()).toBe(false);
    expect(await w.asUser(LEAD).isProjectAdmin('SUP')).toBe(true);
    expect(await w.asUser(AGENT).isProjectAdmin('SUP')).toBe(false);
    expect(await w.asUser(LEAD).isProjectAdmin('NOPE')).toBe(false);
  });

  it('lets an agent, not the customer, edit a request; nobody browses a project that does not exist', async () => {
    const a = await w.createRequest();
    expect(await w.asUser(AGENT).canEditIssue(a.key)).toBe(true);
    expect(await w.asUser(CUSTOMER).canEditIssue(a.key)).toBe(false);
    expect(await w.asUser(AGENT).canEditIssue('SUP-99999')).toBe(false);
    expect(await w.asUser(AGENT).canBrowseProject('SUP')).toBe(true);
    expect(await w.asUser(AGENT).canBrowseProject('NOPE')).toBe(false);
    expect(await w.asUser(AGENT).canBrowseProject(null)).toBe(true);
  });

  it('says which of a report\'s requests an agent may open', async () => {
    const a = await w.createRequest();
    const rows = [
      { key: a.key, project: 'SUP', createdMs: w.now() },
      { key: 'SUP-99999', project: 'SUP', createdMs: w.now() },
    ];
    expect(await w.asUser(AGENT).visibleRequests(rows, 100)).toEqual(new Set([a.key]));
    expect(await w.asUser(AGENT).visibleRequests([], 100)).toEqual(new Set());
  });
}
