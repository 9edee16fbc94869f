// zod schemas of the Jira REST answers the adapter reads (only the parts it uses; unknown keys
// pass). Shapes follow the OpenAPI spec (test/fixtures/jira-openapi), which the contract tests check.

import { z } from 'zod/v3';

export const fieldDetailsSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  custom: z.boolean().optional(),
  schema: z.object({ type: z.string().optional(), custom: z.string().optional() }).optional(),
});
export const fieldListSchema = z.array(fieldDetailsSchema);

const statusCategorySchema = z.object({ key: z.string().optional(), id: z.number().optional() });

export const statusRefSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: statusCategorySchema.optional(),
});

const userRefSchema = z.object({
  accountId: z.string().optional(),
  accountType: z.string().optional(),
  emailAddress: z.string().optional(),
  displayName: z.string().optional(),
});

export const commentSchema = z.object({
  id: z.string().optional(),
  author: userRefSchema.optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  /** ADF; compared only to find the app's own comment after a lost answer. */
  body: z.unknown().optional(),
  /** JSM: false marks an internal note, which a customer never sees. */
  jsdPublic: z.boolean().optional(),
});
export type JiraComment = z.infer<typeof commentSchema>;

export const pageOfCommentsSchema = z.object({
  comments: z.array(commentSchema).optional(),
  total: z.number().optional(),
  maxResults: z.number().optional(),
  startAt: z.number().optional(),
});

export const issueBeanSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type IssueBean = z.infer<typeof issueBeanSchema>;

export const searchResultsSchema = z.object({
  issues: z.array(issueBeanSchema).optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** A search with `fields: ["id"]`: the spec returns only each issue's id (no key, no fields). */
export const searchIdsSchema = z.object({
  issues: z.array(z.object({ id: z.string() })).optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /search/jql with fields [key]: the keys of the issues the caller may see. */
export const searchKeysSchema = z.object({
  issues: z.array(z.object({ key: z.string() })).optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /issue/bulkfetch: missing or hidden issues are simply absent; `issueErrors` name those Jira could not load this time. */
export const bulkIssuesSchema = z.object({
  issues: z.array(issueBeanSchema).optional(),
  issueErrors: z.array(z.object({ id: z.string().optional(), errorMessage: z.string().optional() })).optional(),
});

export const changeItemSchema = z.object({
  field: z.string().optional(),
  fieldId: z.string().optional(),
  fieldtype: z.string().optional(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});

export const changelogSchema = z.object({
  id: z.string().optional(),
  author: userRefSchema.optional(),
  /** The spec says date-time; Atlassian's own bulkfetch example shows epoch seconds. Both are read. */
  created: z.union([z.string(), z.number()]),
  items: z.array(changeItemSchema).optional(),
});
export type JiraChangelog = z.infer<typeof changelogSchema>;

export const bulkChangelogSchema = z.object({
  issueChangeLogs: z.array(z.object({ issueId: z.string(), changeHistories: z.array(changelogSchema).optional() })).optional(),
  nextPageToken: z.string().nullish(),
});

const fieldMetadataSchema = z.object({
  required: z.boolean().optional(),
  allowedValues: z.array(z.unknown()).optional(),
});

export const transitionsSchema = z.object({
  transitions: z
    .array(
      z.object({
        id: z.string(),
        name: z.string().optional(),
        to: statusRefSchema.optional(),
        /** Present with expand=transitions.fields: the transition screen's fields. */
        fields: z.record(z.string(), fieldMetadataSchema).optional(),
      }),
    )
    .optional(),
});

/** TaskProgressBeanObject (GET /rest/api/3/task/{taskId}): only what the app reads. */
export const taskProgressSchema = z
  .object({ id: z.string(), status: z.enum(['ENQUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCEL_REQUESTED', 'CANCELLED', 'DEAD']), message: z.string().optional() })
  .passthrough();

/** JSM Organizations field value (sd-customer-organizations): [{ id, name, _links }]; id is a string in Cloud answers, a number in some. */
export const organizationsSchema = z.array(z.object({ id: z.union([z.string(), z.number()]).optional(), name: z.string() }).passthrough()).nullable().transform((v) => v ?? []);

export const userSchema = z.object({
  accountId: z.string().optional(),
  locale: z.string().optional(),
  emailAddress: z.string().optional(),
  displayName: z.string().optional(),
});

const groupNameSchema = z.object({ name: z.string().optional(), groupId: z.string().nullish() });
/** An array per the schema; Atlassian's own example shows a single object, so both are read. */
export const groupNamesSchema = z.union([z.array(groupNameSchema), groupNameSchema.transform((g) => [g])]);

export const statusListSchema = z.array(statusRefSchema.extend({ id: z.string() }));

export const projectPageSchema = z.object({
  values: z.array(z.object({ id: z.string().optional(), key: z.string(), name: z.string().optional() })).optional(),
  isLast: z.boolean().optional(),
  nextPage: z.string().optional(),
});

export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() })).optional(),
});

/** POST /permissions/check (BulkPermissionGrants): per permission, the project ids granted. */
export const bulkPermissionGrantsSchema = z.object({
  projectPermissions: z.array(z.object({ permission: z.string(), projects: z.array(z.number()).optional() })).optional(),
});

export const createdCommentSchema = z.object({ id: z.string().optional() });

/** GET /issue/{id}/editmeta: the fields on the issue's edit screen the caller may set. */
export const editMetaSchema = z.object({ fields: z.record(z.string(), z.unknown()).optional() });
