// Forge handler barrel: manifest.yml names exactly these as `index.<name>` (a test compares them).

export { uiResolver } from './entry/resolvers';
export { onIssueEvent } from './entry/triggers/issue-event';
export { sweep } from './entry/scheduled/sweep';
export { worker } from './entry/consumers/worker';
export { fieldSuggestions } from './entry/resolvers/field-suggestions';
export { jqlFunction } from './entry/jql/jql-function';
export { recomputeSlaAction, setPackageAction, setPriorityAction, agreeDeadlineAction } from './entry/automation/actions';
