// Public API of the SLA clocks. Other modules import from here only.

export { computeClocks } from './compute-clocks';
export { goalFor, updateGoalFor } from './goals';
export { parsePeriod } from './period';
export { coverageWarningDetails, warning, warningText, WARNING_TEMPLATES, type WarningCode, type WarningDetail } from './warnings';
export {
  assignmentValidTo,
  isAgent,
  lastDayOfValidity,
  resolveCustomerPackage,
  type CommentAuthor,
  type CustomerPackage,
  type CustomerRef,
} from './customers';
export type {
  Acknowledgement,
  ActionClock,
  ActionTrigger,
  ClockActions,
  SlaAction,
  SlaActions,
  Actor,
  AgentRule,
  Channel,
  ChannelKind,
  Clock,
  ClockHistoryEntry,
  ClockSet,
  ClockState,
  CustomerAssignment,
  FollowUpClock,
  GoalClock,
  GoalKeying,
  GoalTable,
  HistoryWhat,
  LocalizedText,
  PackageValidity,
  PauseReason,
  Priority,
  ServicePackage,
  SlaConfig,
  SlaEvent,
  SlaRequest,
  StatusRoles,
} from './types';
