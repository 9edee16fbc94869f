// Walks every message catalogue a person reads and fails on English words in the Russian texts,
// on Cyrillic in the English ones, and on a JSON path (`a.b[0]`, `x["id"]`) in either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_MESSAGES } from '../../../static/admin/src/messages';
import { FIELD_WORDS } from '../../../static/admin/src/issue-words';
import { REPORTS_MESSAGES } from '../../../static/reports/src/messages';
import { PANEL_MESSAGES, WARNING_MESSAGES_RU } from '../../../static/shared/i18n';

/** Names and formats that are the same in both languages (products, units, codes the admin types). */
const ALLOWED = new Set(['SLA', 'Jira', 'Reglament', 'IANA', 'Skype', 'CSV', 'XML', 'JSON', 'ICS', 'iCal', 'iCalendar', 'JQL', 'Europe', 'Moscow', 'off', 'email', 'phone', 'freePhone', 'skype', 'portal', 'form', 'chat', 'other', 'Optima', 'Win', 'Favorite', 'Exprof', 'Agent', 'Plus', 'Service', 'Management', 'Forge', 'Atlassian', 'Confluence', 'Altec', 'PDF', 'XLSX', 'URL', 'API', 'ID', 'id', 'MSK', 'UTC', 'PNG', 'SVG']);

const stripValues = (text: string) =>
  text
    .replace(/\{\w+\}/g, '') // placeholders
    .replace(/«[^»]*»/g, '') // quoted examples and values
    .replace(/"[^"]*"/g, '')
    .replace(/\b\d+\s*(?:m|h|wd|bd|d|s)\b/g, '') // goal units in examples
    .replace(/\S*\w\.\w+\S*|(?<!\w)\.\w+/g, ''); // file names, site names and extensions

function englishWords(text: string): string[] {
  return (stripValues(text).match(/[A-Za-z][A-Za-z-]{2,}/g) ?? []).map((w) => w.replace(/-$/, '')).filter((w) => !ALLOWED.has(w));
}

const JSON_PATH = /\b[a-z]\w*(?:\.[a-z]\w*)+\[|\w\["|\]\.\w/;

function catalogues(): Array<{ name: string; ru: Record<string, string>; en: Record<string, string> }> {
  const json = (f: string) => JSON.parse(readFileSync(join(__dirname, '../../../locales', f), 'utf8')) as Record<string, unknown>;
  const flat = (o: Record<string, unknown>, pre = ''): Record<string, string> =>
    Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[pre + k, v]] : typeof v === 'object' && v ? Object.entries(flat(v as Record<string, unknown>, `${pre}${k}.`)) : [])));
  const words = (lang: 'ru' | 'en') => Object.fromEntries(Object.entries(FIELD_WORDS).map(([k, v]) => [k, v[lang]]));
  return [
    { name: 'admin', ru: ADMIN_MESSAGES.ru, en: ADMIN_MESSAGES.en },
    { name: 'panel', ru: PANEL_MESSAGES.ru, en: PANEL_MESSAGES.en },
    { name: 'reports', ru: REPORTS_MESSAGES.ru, en: REPORTS_MESSAGES.en },
    { name: 'warnings', ru: WARNING_MESSAGES_RU as unknown as Record<string, string>, en: {} },
    { name: 'field words', ru: words('ru'), en: words('en') },
    { name: 'locales', ru: flat(json('ru-RU.json')), en: flat(json('en-US.json')) },
  ];
}

describe('message catalogues speak the page language', () => {
  for (const c of catalogues()) {
    it(`${c.name}: no English in Russian, no Russian in English, no JSON paths`, () => {
      const bad: string[] = [];
      for (const [k, v] of Object.entries(c.ru)) {
        const en = englishWords(v);
        if (en.length > 0) bad.push(`ru ${k}: ${en.join(', ')} in «${v}»`);
        if (JSON_PATH.test(v)) bad.push(`ru ${k}: JSON path in «${v}»`);
      }
      for (const [k, v] of Object.entries(c.en)) {
        if (/[А-Яа-яЁё]/.test(stripValues(v))) bad.push(`en ${k}: Cyrillic in "${v}"`);
        if (JSON_PATH.test(v)) bad.push(`en ${k}: JSON path in "${v}"`);
      }
      expect(bad).toEqual([]);
    });
  }
});
