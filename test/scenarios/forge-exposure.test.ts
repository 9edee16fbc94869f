// What a reader can see (issue 11, "bounds and exposure"): the field editor's options and the JQL
// value suggestions need browse permission on the project; reports list only the requests their
// reader may open (issue security), not every request of a project they may browse.

import type { FieldOption } from '../../src/shared/contract';
import { AGENT, CUSTOMER, startSite, type Site } from './forge-harness';

const fieldExt = { type: 'jira:customField', project: { id: '10000', key: 'SUP' } };

describe('exposure: field options and suggestions', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('answers the field options to a user who may browse the project, FORBIDDEN to one who may not', async () => {
    const agent = await site.call<FieldOption[]>('getFieldOptions', { field: 'package' }, AGENT, fieldExt);
    expect(agent.ok && agent.data.length).toBeGreaterThan(0);
    const customer = await site.call<FieldOption[]>('getFieldOptions', { field: 'package' }, CUSTOMER, fieldExt);
    expect(customer.ok ? 'ok' : customer.error.code).toBe('FORBIDDEN');
    // Asked of Jira as the user: one mypermissions call, and Jira said no.
    const none = await site.call<FieldOption[]>('getFieldOptions', { field: 'priority' }, CUSTOMER, { type: 'jira:customField', project: { id: '1', key: 'NOPE' } });
    expect(none.ok ? 'ok' : none.error.code).toBe('FORBIDDEN');
  });

  it('gives JQL suggestions only when Forge names a user', async () => {
    const withUser = (await site.emu.fieldSuggestions('sla-priority', '', AGENT)) as unknown[];
    expect(withUser.length).toBeGreaterThan(0);
    const anonymous = (await site.emu.fieldSuggestions('sla-priority', '', '')) as unknown[];
    expect(anonymous).toEqual([]);
  });
});
