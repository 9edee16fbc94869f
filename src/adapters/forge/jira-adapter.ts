// Every Jira role the use cases need (src/app/ports.ts), on the Jira Cloud REST API v3, as one
// object per principal (asApp / asUser): the composition root hands it to use cases that each see
// only their roles. The work is in one adapter per role beside this file; they share one JiraHttp
// (retry budget) and the field directory. Every call goes through JiraHttp (retry, zod) on a path
// built with `route`, so @forge/lint checks the scopes.

import type { JiraPort } from '../../app/ports';
import type { AppFieldIds } from './field-directory';
import type { JiraHttp } from './jira-http';
import { ForgeComputedSink } from './jira-computed-sink';
import { ForgeDirectory } from './jira-directory';
import { ForgeIssueActions } from './jira-issue-actions';
import { ForgeUserPermissions } from './jira-permissions';
import { ForgeRequestSource } from './jira-request-source';

export class ForgeJiraAdapter implements JiraPort {
  private readonly source: ForgeRequestSource;
  private readonly sink: ForgeComputedSink;
  private readonly actions: ForgeIssueActions;
  private readonly directory: ForgeDirectory;
  private readonly permissions: ForgeUserPermissions;

  constructor(http: JiraHttp, fieldIds: () => Promise<AppFieldIds>) {
    this.directory = new ForgeDirectory(http);
    this.source = new ForgeRequestSource(http, fieldIds, this.directory);
    this.sink = new ForgeComputedSink(http, fieldIds);
    this.actions = new ForgeIssueActions(http);
    this.permissions = new ForgeUserPermissions(http);
  }

  // RequestSource
  findDue(...a: Parameters<JiraPort['findDue']>) { return this.source.findDue(...a); }
  findUpdatedSince(...a: Parameters<JiraPort['findUpdatedSince']>) { return this.source.findUpdatedSince(...a); }
  findOpenIds(...a: Parameters<JiraPort['findOpenIds']>) { return this.source.findOpenIds(...a); }
  loadFacts(...a: Parameters<JiraPort['loadFacts']>) { return this.source.loadFacts(...a); }
  findOpenInProject(...a: Parameters<JiraPort['findOpenInProject']>) { return this.source.findOpenInProject(...a); }
  loadRequests(...a: Parameters<JiraPort['loadRequests']>) { return this.source.loadRequests(...a); }
  // ComputedSink
  writeComputed(...a: Parameters<JiraPort['writeComputed']>) { return this.sink.writeComputed(...a); }
  /** Sets the Service package / SLA priority field as the app (Automation actions; not a port role). */
  setChoice(...a: Parameters<ForgeComputedSink['setChoice']>) { return this.sink.setChoice(...a); }
  // IssueActions
  currentStatus(...a: Parameters<JiraPort['currentStatus']>) { return this.actions.currentStatus(...a); }
  transitionTo(...a: Parameters<JiraPort['transitionTo']>) { return this.actions.transitionTo(...a); }
  addComment(...a: Parameters<JiraPort['addComment']>) { return this.actions.addComment(...a); }
  notify(...a: Parameters<JiraPort['notify']>) { return this.actions.notify(...a); }
  addLabel(...a: Parameters<JiraPort['addLabel']>) { return this.actions.addLabel(...a); }
  editIssue(...a: Parameters<JiraPort['editIssue']>) { return this.actions.editIssue(...a); }
  // Directory
  userLocale(...a: Parameters<JiraPort['userLocale']>) { return this.directory.userLocale(...a); }
  listStatuses() { return this.directory.listStatuses(); }
  listProjects() { return this.directory.listProjects(); }
  userDisplayName(...a: Parameters<JiraPort['userDisplayName']>) { return this.directory.userDisplayName(...a); }
  // UserPermissions
  isJiraAdmin() { return this.permissions.isJiraAdmin(); }
  isProjectAdmin(...a: Parameters<JiraPort['isProjectAdmin']>) { return this.permissions.isProjectAdmin(...a); }
  canEditIssue(...a: Parameters<JiraPort['canEditIssue']>) { return this.permissions.canEditIssue(...a); }
  visibleRequests(...a: Parameters<JiraPort['visibleRequests']>) { return this.permissions.visibleRequests(...a); }
  canBrowseProject(...a: Parameters<JiraPort['canBrowseProject']>) { return this.permissions.canBrowseProject(...a); }
  browsableProjects(...a: Parameters<JiraPort['browsableProjects']>) { return this.permissions.browsableProjects(...a); }
}
