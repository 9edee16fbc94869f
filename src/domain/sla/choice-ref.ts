// A package or priority as the request's history names it. The fields hold { id, name } objects
// and Jira's changelog may carry the formatter's text (the name) rather than the value: a reference
// that is not a configured id but is exactly one item's Russian or English name reads as that id.

import type { SlaConfig, SlaRequest } from './types';

type Named = { readonly id: string; readonly name: { readonly ru: string; readonly en: string } };

function resolver(items: readonly Named[]): (ref: string | null) => string | null {
  const ids = new Set(items.map((i) => i.id));
  const byName = new Map<string, string | null>();
  for (const i of items) {
    for (const n of new Set([i.name.ru, i.name.en].map((x) => x.trim().toLowerCase()).filter((x) => x !== ''))) {
      // A name two items share identifies neither.
      byName.set(n, byName.has(n) && byName.get(n) !== i.id ? null : i.id);
    }
  }
  return (ref) => {
    if (ref === null || ids.has(ref)) return ref;
    return byName.get(ref.trim().toLowerCase()) ?? ref;
  };
}

/** `request` with package and priority references read as configured ids where they name one. */
const cache = new WeakMap<SlaConfig, { pkg: (ref: string | null) => string | null; prio: (ref: string | null) => string | null }>();

export function withChoiceIds(config: SlaConfig, request: SlaRequest): SlaRequest {
  let r = cache.get(config);
  if (!r) cache.set(config, (r = { pkg: resolver(config.packages), prio: resolver(config.priorities) }));
  const { pkg, prio } = r;
  let changed = false;
  const events = request.events.map((e) => {
    if (e.type !== 'package' && e.type !== 'priority') return e;
    const to = (e.type === 'package' ? pkg : prio)(e.to);
    if (to === e.to) return e;
    changed = true;
    return { ...e, to };
  });
  const p = request.package === undefined ? undefined : pkg(request.package);
  const q = request.priority === undefined ? undefined : prio(request.priority);
  if (!changed && p === request.package && q === request.priority) return request;
  return { ...request, ...(p !== undefined ? { package: p } : {}), ...(q !== undefined ? { priority: q } : {}), events };
}
