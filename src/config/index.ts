// Configuration at the edge: zod schemas, migration, validation on save, request input.

export { CURRENT_SCHEMA_VERSION, CANONICAL_STATUSES, slaConfigSchema, idSchema, goalProblem, actionsSchema, actionId, NO_ACTIONS} from './sla-config.schema';
export { slaConfigV1Schema, migrateV1, type SlaConfigV1 } from './migrate';
export { parseSlaConfig, validateConfig, type ParseConfigResult, type ValidateConfigResult } from './validate-config';
export { formatConfigPath, type ConfigIssue } from './path';
export { slaRequestSchema, instantSchema, type SlaRequestInput } from './request.schema';
export type { SlaConfig, SlaRequest } from '../domain/sla/types';
