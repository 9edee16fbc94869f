// One contract per port role (src/app/ports.ts), each run against the Forge adapter on the local
// emulator and against the fake the use-case tests use: a fake that answers differently from the
// adapter fails here, not silently in a unit test that trusted it.
import { computedSinkContract } from './computed-sink';
import { directoryContract } from './directory';
import { emulatorWorld } from './emulator-world';
import { fakeJiraWorld } from './fake-world';
import { issueActionsContract } from './issue-actions';
import { requestSourceContract } from './request-source';
import { userPermissionsContract } from './user-permissions';
import type { MakeWorld } from './world';

const subjects: Array<[string, MakeWorld]> = [
  ['the Forge adapter on the emulator', emulatorWorld],
  ['FakeJira (test/fakes/fake-jira.ts)', fakeJiraWorld],
];

describe.each(subjects)('%s', (_name, makeWorld) => {
  describe('RequestSource', () => requestSourceContract(makeWorld));
  describe('ComputedSink', () => computedSinkContract(makeWorld));
  describe('IssueActions', () => issueActionsContract(makeWorld));
  describe('Directory', () => directoryContract(makeWorld));
  describe('UserPermissions', () => userPermissionsContract(makeWorld));
});
