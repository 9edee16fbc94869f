// Every Forge function of the app by its export name, for the emulator and the tests. Forge itself
// loads each function from the module its manifest handler names (`entry/…/<module>.<export>`), so
// each function's bundle holds only what that function imports; test/unit/entry/handlers.test.ts
// checks that this list and the manifest agree.

export { uiResolver } from '../src/entry/resolvers';
export { onIssueEvent } from '../src/entry/triggers/issue-event';
export { sweep } from '../src/entry/scheduled/sweep';
export { worker } from '../src/entry/consumers/worker';
export { fieldSuggestions } from '../src/entry/resolvers/field-suggestions';
export { jqlFunction } from '../src/entry/jql/jql-function';
export { recomputeSlaAction, setPackageAction, setPriorityAction, agreeDeadlineAction } from '../src/entry/automation/actions';
