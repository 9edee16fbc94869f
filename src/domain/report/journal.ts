// The request journal in the form of the Barier regulation, appendix 1
// («Форма ведения журнала обращений»): priority, organization, request text, request status,
// contacts (full name, position, phone, e-mail, state contract number) and dates with the
// progress of the solution ("21.11.16 16:39 \\ Передано в ТП."). One entry per request.

export type JournalStatus = 'open' | 'resolved' | 'closed';

export interface JournalContacts {
  readonly name?: string | null;
  readonly position?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  /** № Гос. Контракта: the state contract the support is provided under. */
  readonly contract?: string | null;
}

export interface JournalProgress {
  readonly atMs: number;
  readonly text: string;
}

export interface JournalEntry {
  readonly key: string;
  readonly createdMs: number;
  readonly priority: string | null;
  readonly organization: string | null;
  /** The request text (summary, and the description when there is one). */
  readonly text: string;
  readonly status: JournalStatus;
  readonly contacts: JournalContacts;
  /** Oldest first. */
  readonly progress: readonly JournalProgress[];
}

export interface JournalSelection {
  /** Only this organization (the journal is kept per customer). */
  readonly organization?: string;
  /** Half-open period [fromMs, toMs) on the creation instant. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** Entries of one customer and period, oldest first. */
export function selectJournal(entries: Iterable<JournalEntry>, s: JournalSelection): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const e of entries) {
    if (s.organization !== undefined && e.organization !== s.organization) continue;
    if (s.fromMs !== undefined && e.createdMs < s.fromMs) continue;
    if (s.toMs !== undefined && e.createdMs >= s.toMs) continue;
    out.push(e);
  }
  return out.sort((a, b) => a.createdMs - b.createdMs || a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/** A request's history in the canonical terms of the clocks (issue 3's request events, instants in ms). */
export type JournalEvent =
  | { readonly atMs: number; readonly type: 'status'; readonly to: string }
  | { readonly atMs: number; readonly type: 'comment'; readonly by: 'agent' | 'customer'; readonly body?: string | null; readonly internal?: boolean }
  | { readonly atMs: number; readonly type: 'priority'; readonly to: string }
  | { readonly atMs: number; readonly type: 'package'; readonly to: string };

const PROGRESS_TEXT = {
  ru: {
    created: 'Заявка зарегистрирована, передано в ТП.',
    status: (s: string) => `Статус: ${s}.`,
    agentComment: 'Ответ специалиста ТП.',
    customerComment: 'Получена информация от Заказчика.',
    priority: (p: string) => `Присвоен приоритет ${p}.`,
    package: (p: string) => `Уровень обслуживания: ${p}.`,
  },
  en: {
    created: 'Request registered, passed to support.',
    status: (s: string) => `Status: ${s}.`,
    agentComment: 'Support answered.',
    customerComment: 'Information received from the customer.',
    priority: (p: string) => `Priority set to ${p}.`,
    package: (p: string) => `Service level: ${p}.`,
  },
} as const;

/**
 * The "Дата\Ход решения" lines from a request's history: registration, status changes,
 * answers (the comment text when known), classification. Internal comments are not shown
 * to the customer in the journal either.
 */
export function progressFromEvents(createdMs: number, events: readonly JournalEvent[], locale: 'ru' | 'en'): JournalProgress[] {
  const t = PROGRESS_TEXT[locale];
  const out: JournalProgress[] = [{ atMs: createdMs, text: t.created }];
  for (const e of events) {
    switch (e.type) {
      case 'status':
        out.push({ atMs: e.atMs, text: t.status(e.to) });
        break;
      case 'comment': {
        if (e.internal === true) break;
        const body = e.body?.trim();
        out.push({ atMs: e.atMs, text: body ? body : e.by === 'agent' ? t.agentComment : t.customerComment });
        break;
      }
      case 'priority':
        out.push({ atMs: e.atMs, text: t.priority(e.to) });
        break;
      case 'package':
        out.push({ atMs: e.atMs, text: t.package(e.to) });
        break;
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
