// IssueActions: what auto-close, the acknowledgement, the breach actions and escalation rely on.
import type { MakeWorld, PortWorld } from './world';

export function issueActionsContract(makeWorld: MakeWorld): void {
  let w: PortWorld;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(() => w.close());

  it('transitions to the first reachable status, says when it is already there, and refuses an unknown one', async () => {
    const a = await w.createRequest();
    await w.moveTo(a.key, 'Resolved');
    expect(await w.app.currentStatus(a.id)).toEqual({ name: 'Resolved', category: 'done' });
    expect(await w.app.transitionTo(a.id, ['Closed', 'Done'])).toBe('transitioned');
    expect(await w.app.currentStatus(a.id)).toEqual({ name: 'Closed', category: 'done' });
    expect(await w.app.transitionTo(a.id, ['Done', 'Closed'])).toBe('alreadyThere');
    expect(await w.app.transitionTo(a.id, ['No such status'])).toBe('unavailable');
    expect(await w.app.currentStatus(a.id)).toEqual({ name: 'Closed', category: 'done' });
  });

  it('answers null for the status of an issue that does not exist', async () => {
    expect(await w.app.currentStatus('999999')).toBeNull();
  });

  it('posts public comments and internal notes', async () => {
    const a = await w.createRequest();
    await w.app.addComment(a.id, 'Ваше обращение принято.\nСрок реакции: 10:30.');
    await w.app.addComment(a.id, 'SLA breached', { internal: true });
    expect(w.commentsOf(a.key)).toEqual([
      { text: 'Ваше обращение принято.\nСрок реакции: 10:30.', internal: false },
      { text: 'SLA breached', internal: true },
    ]);
  });

  it('adds a label once however often it is asked, and sends notify e-mails', async () => {
    const a = await w.createRequest();
    await w.app.addLabel(a.id, 'sla-breached');
    await w.app.addLabel(a.id, 'sla-breached');
    expect(w.labelsOf(a.key)).toEqual(['sla-breached']);
    await w.app.notify(a.id, { subject: 's', textBody: 't', htmlBody: '<p>t</p>', to: { assignee: false, watchers: false, reporter: true } });
    expect(w.notificationsOf(a.key)).toBe(1);
  });
}
