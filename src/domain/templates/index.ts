// The five regulations of ../seeds as ready configurations (DOMAIN.md's template table).

import type { SlaConfig } from '../sla/types';
import { ADVANTSHOP_REGULATION, advantshop } from './advantshop';
import { AGENTPLUS_REGULATION, agentplus } from './agentplus';
import { ALTEC_REGULATION, altec } from './altec';
import { BARIER_REGULATION, barier } from './barier';
import { PASS24_REGULATION, pass24 } from './pass24';

export const TEMPLATE_IDS = ['agentplus', 'advantshop', 'pass24', 'altec', 'barier'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Template id → complete configuration (schemaVersion 2), ready to apply and then edit. */
export const TEMPLATES: Readonly<Record<TemplateId, SlaConfig>> = Object.freeze({
  agentplus,
  advantshop,
  pass24,
  altec,
  barier,
});

export interface TemplateSummary {
  readonly id: TemplateId;
  readonly name: { readonly ru: string; readonly en: string };
  /** The regulation's own title, as written in the seed. */
  readonly regulation: string;
}

const REGULATIONS: Record<TemplateId, string> = {
  agentplus: AGENTPLUS_REGULATION,
  advantshop: ADVANTSHOP_REGULATION,
  pass24: PASS24_REGULATION,
  altec: ALTEC_REGULATION,
  barier: BARIER_REGULATION,
};

export const TEMPLATE_SUMMARIES: readonly TemplateSummary[] = TEMPLATE_IDS.map((id) => ({
  id,
  name: TEMPLATES[id].name,
  regulation: REGULATIONS[id],
}));

export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}
