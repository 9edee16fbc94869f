// The emulated Jira site and its data model (see site.ts; routes.ts for the REST surface).
export { JiraSite } from './site';
export * from './model';
