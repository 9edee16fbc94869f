// Every Jira REST operation the adapter calls (method + OpenAPI path template). The trimmed spec
// in test/fixtures/jira-openapi is generated from this list (scripts/trim-openapi.ts), the contract
// tests check each request against it, and the local emulator must serve each of them.

export const JIRA_OPERATIONS = [
  ['GET', '/rest/api/3/field'],
  ['POST', '/rest/api/3/search/jql'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}'],
  ['POST', '/rest/api/3/issue/bulkfetch'],
  ['POST', '/rest/api/3/changelog/bulkfetch'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/comment'],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/comment'],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/notify'],
  ['PUT', '/rest/api/3/issue/{issueIdOrKey}'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/editmeta'],
  ['POST', '/rest/api/3/app/field/value'],
  ['POST', '/rest/api/3/issue/properties/multi'],
  ['GET', '/rest/api/3/task/{taskId}'],
  ['PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/transitions'],
  ['POST', '/rest/api/3/issue/{issueIdOrKey}/transitions'],
  ['GET', '/rest/api/3/user'],
  ['GET', '/rest/api/3/user/groups'],
  ['GET', '/rest/api/3/status'],
  ['GET', '/rest/api/3/project/search'],
  ['GET', '/rest/api/3/mypermissions'],
  ['POST', '/rest/api/3/permissions/check'],
] as const;
