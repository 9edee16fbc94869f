// The SLA configuration and request as the pure domain sees them. The zod schema that produces an
// `SlaConfig` from untrusted JSON lives in src/config (outer ring); it is checked at compile time to
// output exactly this shape, so the domain never imports the schema and never re-validates.

import type { CalendarDef } from '../calendar';

/** Russian and English text of anything a person reads. */
export interface LocalizedText {
  readonly ru: string;
  readonly en: string;
}

export type PackageValidity =
  | { readonly kind: 'unlimited' }
  | { readonly kind: 'months'; readonly months: number }
  /** Valid while a (partner) contract lasts; the end date comes from the customer assignment. */
  | { readonly kind: 'contract' };

export type ChannelKind = 'email' | 'phone' | 'freePhone' | 'skype' | 'portal' | 'form' | 'chat' | 'other';

export interface Channel {
  readonly kind: ChannelKind;
  /** Address, number or URL as the regulation prints it. */
  readonly address: string;
  readonly name: LocalizedText;
}

export interface ServicePackage {
  /** Normalised to a string: a number and its string form are the same id. */
  readonly id: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText | null;
  /** Price in roubles for the validity period; 0 = free; null = not published (price list on request). */
  readonly price: number | null;
  readonly validity: PackageValidity;
  readonly channels: readonly Channel[];
  /** Products the package covers, as the regulation names them. */
  readonly products: readonly LocalizedText[];
  /** What else the package includes: remote help, personal specialist, reports on request… */
  readonly extras: readonly LocalizedText[];
  /** How many of the customer's contacts may use Skype (0 = no Skype). */
  readonly skypeContacts: number;
  /** Calendar used for requests on this package instead of the configuration's `calendarId`. */
  readonly calendarId: string | null;
  /** Support hours the package includes per month (Agent Plus «N часов удалённой помощи»); absent = no quota. */
  readonly hoursQuota?: { readonly hoursPerMonth: number };
  /** Whether agents may agree deadlines (extend / agreed due) on this package; absent = allowed. */
  readonly agreementsAllowed?: boolean;
}

export interface Priority {
  readonly id: string;
  readonly name: LocalizedText;
  /** The definition agents read when they pick the priority. */
  readonly definition: LocalizedText;
}

export type GoalKeying = 'package' | 'priority' | 'matrix';

/**
 * Goal strings (`4h`, `2wd`, `24h,5bd`) keyed by package id, by priority id, or package → priority.
 * Which of the three is said by `SlaConfig.goalsBy[clock]`, so that paths stay short and exact:
 * `goals.resolution["2"]`, `goals.reaction["optimal"]["1"]`.
 */
export type GoalTable = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

export type GoalClock = 'reaction' | 'resolution';

export interface StatusRoles {
  /** Statuses a new request is in; the first one is where a request starts. */
  readonly initial: readonly string[];
  /** The resolution clock is paused while the request is in one of these. */
  readonly customerWait: readonly string[];
  readonly resolved: readonly string[];
  readonly closed: readonly string[];
}

/** Who counts as an agent when the Jira adapter labels comments (the domain sees `by` already set). */
export type AgentRule =
  | { readonly kind: 'notReporter' }
  | { readonly kind: 'groups'; readonly groups: readonly string[] }
  | { readonly kind: 'accounts'; readonly accountIds: readonly string[] };

export interface CustomerAssignment {
  readonly match: { readonly organization: string } | { readonly emailDomain: string };
  readonly package: string;
  /** YYYY-MM-DD, inclusive, in the calendar's zone; null = open-ended. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly note: string | null;
}

export interface Acknowledgement {
  /** Tell the customer the request's number, priority and due dates once it is classified. */
  readonly enabled: boolean;
  /** Placeholders: {key}, {priority}, {reactionDue}, {resolutionDue}. */
  readonly text: LocalizedText;
}

/** The clocks an action can watch; `followUp` is each follow-up cycle. */
export type ActionClock = 'reaction' | 'resolution' | 'followUp';
/** When a clock's actions run: it became at risk, or it breached. */
export type ActionTrigger = 'atRisk' | 'breached';

/**
 * What happens when a clock becomes at risk or breaches. Each fires once per clock cycle.
 * - `notify`: Jira's notify API (an e-mail from Jira) to the assignee / watchers / reporter.
 * - `label`: adds a label to the issue (`sla-breached`).
 * - `comment`: an internal note (JSM: not visible to the customer).
 */
export type SlaAction =
  | { readonly kind: 'notify'; readonly to: { readonly assignee: boolean; readonly watchers: boolean; readonly reporter: boolean } }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'comment' };

export interface ClockActions {
  readonly atRisk: readonly SlaAction[];
  readonly breached: readonly SlaAction[];
}

export interface SlaActions {
  readonly reaction: ClockActions;
  readonly resolution: ClockActions;
  readonly followUp: ClockActions;
  /** Public comments to the customer about auto-close: `before` (a plain period) ahead of it, and when it closes. */
  readonly autoCloseNotice: { readonly before: string | null; readonly onClose: boolean };
}

/**
 * What an escalation level does (issue 15). Notify e-mails named people and groups as well as the
 * issue's roles; reassign, raise Jira's priority, transition to a status, add a label, or an
 * internal note. Each runs once per level occurrence and clock cycle.
 */
export type EscalationAction =
  | {
      readonly kind: 'notify';
      readonly to: {
        readonly assignee: boolean;
        readonly watchers: boolean;
        readonly reporter: boolean;
        readonly accountIds: readonly string[];
        readonly groups: readonly string[];
      };
    }
  | { readonly kind: 'reassign'; readonly accountId: string }
  | { readonly kind: 'priority'; readonly jiraPriority: string }
  | { readonly kind: 'transition'; readonly status: string }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'comment' };

export interface EscalationLevel {
  readonly id: string;
  /** As the admin wrote it: `50%`, `-1h` (before due), `due`, `+2h` (after due). */
  readonly at: string;
  /** Working time between repeats while breached (`4h`); only after the due instant. */
  readonly repeat: string | null;
  readonly actions: readonly EscalationAction[];
}

/** The escalation ladder per clock; absent = none. */
export type SlaEscalation = Readonly<Partial<Record<ActionClock, readonly EscalationLevel[]>>>;

export interface SlaConfig {
  readonly schemaVersion: 2;
  readonly name: LocalizedText;
  /** The template this configuration was made from, if any. */
  readonly template: string | null;
  readonly calendarId: string;
  readonly calendars: Readonly<Record<string, CalendarDef>>;
  readonly packages: readonly ServicePackage[];
  readonly defaultPackage: string;
  readonly priorities: readonly Priority[];
  /** Priority a request has until support classifies it; null when the config has no priorities. */
  readonly defaultPriority: string | null;
  readonly goalsBy: Readonly<Partial<Record<GoalClock, GoalKeying>>>;
  readonly goals: Readonly<Partial<Record<GoalClock, GoalTable>>>;
  /** A running clock is at risk when less than this share of its goal is left (0.25); 0 = never. */
  readonly atRiskThreshold: number;
  readonly statuses: StatusRoles;
  readonly agentRule: AgentRule;
  /** Plain calendar time (`14d`, `24h`) after entering Resolved without a customer comment; null = never. */
  readonly autoClose: { readonly period: string } | null;
  readonly customers: readonly CustomerAssignment[];
  readonly acknowledgement: Acknowledgement;
  /** Minimum time accounted per answer in reports (Barier: 30); null = actual time. */
  readonly minimumAnswerMinutes: number | null;
  /** Notifications and actions (issue 7); absent (configurations saved before them) = none. */
  readonly actions?: SlaActions;
  /**
   * The update clock (issue 15): keep the customer informed every N working hours after each agent
   * answer while the request is open and not waiting for them; absent = no such clock.
   */
  readonly updates?: { readonly by: GoalKeying; readonly every: GoalTable };
  /** The escalation ladder (issue 15); absent = none. */
  readonly escalation?: SlaEscalation;
}

/** Who wrote a comment or made a change, as the Jira adapter classified it by `agentRule`. */
export type Actor = 'agent' | 'customer';

export type SlaEvent =
  | { readonly at: number; readonly type: 'status'; readonly to: string }
  | { readonly at: number; readonly type: 'comment'; readonly by: Actor }
  /** A priority change; `by` defaults to agent (support classifies), a customer's own change does not stop reaction. */
  | { readonly at: number; readonly type: 'priority'; readonly to: string | null; readonly by?: Actor }
  | { readonly at: number; readonly type: 'package'; readonly to: string | null };

/**
 * An agreed deadline (issue 15): an agent extended a clock by working time, or set the due instant
 * the customer agreed to, with a reason. Audited (who, when, why) by whoever stores it; the clocks
 * apply those made before `now` and before the clock stopped, in order, to the goal.
 */
export interface SlaAgreement {
  readonly at: number;
  readonly clock: GoalClock;
  readonly kind: 'extend' | 'agreedDue';
  /** extend: working minutes added to the goal. */
  readonly minutes?: number;
  /** agreedDue: the instant the clock is now due. */
  readonly due?: number;
  readonly reason: string;
  /** Who agreed it (account id), for the audit. */
  readonly by?: string;
}

/**
 * A request's history as the clocks read it. Instants are epoch ms (`created`, `at`).
 * `package`/`priority` are the values at creation (null/absent = not set yet).
 */
export interface SlaRequest {
  readonly key?: string;
  readonly created: number;
  readonly package?: string | null;
  readonly priority?: string | null;
  /** Status at creation; defaults to the first initial status of the configuration. */
  readonly status?: string;
  /** Used to find the customer's package when `package` is not set. */
  readonly customer?: { readonly organization?: string | null; readonly organizations?: readonly string[]; readonly emailDomain?: string | null };
  readonly events: readonly SlaEvent[];
  /** Agreed deadlines and extensions; absent = none. */
  readonly agreements?: readonly SlaAgreement[];
}

export type ClockState = 'running' | 'atRisk' | 'paused' | 'met' | 'breached';
export type PauseReason = 'outsideWorkingHours' | 'customerWait' | null;

/** One clock's numbers at `now`. Instants are epoch ms; minutes may be fractional. */
export interface Clock {
  readonly state: ClockState;
  /** The goal string in effect (`24h,5bd`) and its working-time length at the clock's start. */
  readonly goal: string;
  readonly goalMinutes: number;
  /** A running clock with less time left than this is at risk (threshold × goal). */
  readonly atRiskRemainingMinutes: number;
  readonly elapsedMinutes: number;
  /** goal − elapsed; negative once breached. */
  readonly remainingMinutes: number;
  /** Running/atRisk: when the goal will be reached; breached: when it was; paused/met: null. */
  readonly due: number | null;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly pausedSince: number | null;
  readonly pauseReason: PauseReason;
  /** When a running clock outside working hours starts counting again. */
  readonly resumesAt: number | null;
  /** The package and priority whose goal is in effect. */
  readonly packageId: string;
  readonly priorityId: string | null;
  /**
   * Present when agreements changed the goal: `goalMinutes` is then the agreed goal and this says
   * what the regulation's goal was (a clock met only thanks to it is "met as agreed").
   */
  readonly agreement?: {
    readonly originalGoalMinutes: number;
    readonly count: number;
    readonly lastReason: string;
    readonly lastAt: number;
    readonly lastBy: string | null;
    /** Met within the agreed goal but not the regulation's own. */
    readonly metAsAgreed: boolean;
  };
}

export interface FollowUpClock extends Clock {
  /** Every cycle, oldest first; the clock's own fields describe the last one. */
  readonly cycles: readonly Clock[];
}

export type HistoryWhat =
  | 'started'
  | 'paused'
  | 'resumed'
  | 'stopped'
  | 'met'
  | 'breached'
  | 'goalChanged'
  | 'resolved'
  | 'reopened'
  | 'closed'
  | 'scheduled'
  | 'cancelled'
  | 'agreed';

export interface ClockHistoryEntry {
  readonly at: number;
  readonly clock: 'reaction' | 'resolution' | 'followUp' | 'update' | 'autoClose' | 'request';
  readonly what: HistoryWhat;
  readonly detail?: string;
}

import type { WarningDetail } from './warnings';

export interface ClockSet {
  /** null when the configuration has no such goal. */
  readonly reaction: Clock | null;
  readonly resolution: Clock | null;
  /** null when the configuration has no reaction goal or no cycle has started yet. */
  readonly followUp: FollowUpClock | null;
  /** Present when the configuration has an update clock: its cycles (null before the first agent answer). */
  readonly update?: FollowUpClock | null;
  readonly autoClose: { readonly at: number } | null;
  /** Earliest future instant at which the result changes by time alone; an overdue auto-close is returned as is. */
  readonly nextCheckAt: number | null;
  readonly packageId: string;
  readonly priorityId: string | null;
  /** Zone of the calendar in effect, for formatting instants. */
  readonly timezone: string;
  readonly history: readonly ClockHistoryEntry[];
  /** English texts of `warningDetails` (same order): what the CLI prints. */
  readonly warnings: readonly string[];
  /** The warnings as data: a code and its parameters, said in any language at the edge. */
  readonly warningDetails: readonly WarningDetail[];
}
