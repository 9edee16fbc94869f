// Which engine warnings a view shows, as code + parameters so `warningMessage` can say them in the
// viewer's language. Pure: the panel and the admin page share it, and unit tests read it directly.
import type { IssueSlaView } from '../../src/shared/contract';
import type { WarningLike } from './i18n';

/**
 * The panel's warnings box: the view's warning details without the lapsed customer package's
 * warning when the package block already names that package in its own line — the same fact is said once.
 */
export function panelWarnings(view: Pick<IssueSlaView, 'warningDetails' | 'package'>): WarningLike[] {
  const lapsed = view.package?.lapsed;
  if (!lapsed) return view.warningDetails;
  return view.warningDetails.filter((w) => !(w.code === 'packageNotValid' && w.params['package'] === lapsed.id));
}
