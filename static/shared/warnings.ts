// Which engine warnings a view shows, as code + parameters so `warningMessage` can say them in the
// viewer's language. Pure: the panel and the admin page share it, and unit tests read it directly.
import type { IssueSlaView } from '../../src/shared/contract';
import { describeWarnings } from '../../src/domain/sla/warnings';
import type { WarningLike } from './i18n';

/** Engine warning strings (e.g. a calendar preview's coverage warnings) read back to their codes. */
export function warningDetailsOf(texts: readonly string[]): WarningLike[] {
  return describeWarnings(texts).map((w) => ({ code: w.code, params: w.params, text: w.text }));
}

/**
 * The panel's warnings box: the view's warning details (read back from the texts when an older
 * server sent none), without the lapsed customer package's warning when the package block already
 * names that package in its own line — the same fact is said once.
 */
export function panelWarnings(view: Pick<IssueSlaView, 'warnings' | 'warningDetails' | 'package'>): WarningLike[] {
  const all = view.warningDetails ?? warningDetailsOf(view.warnings);
  const lapsed = view.package?.lapsed;
  if (!lapsed) return all;
  return all.filter((w) => !(w.code === 'packageNotValid' && w.params['package'] === lapsed.id));
}
