// Issue 12: «Часы SLA» read as "SLA hours" (use words that mean a clock), and the same customer
// was spelt «Альтек» and «Алтек». Every Russian text a person reads, and the sources they come
// from, keep one spelling and no "hours" for the clocks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PANEL_MESSAGES } from '../../../static/shared/i18n';
import { ADMIN_MESSAGES } from '../../../static/admin/src/messages';

const REPO = join(__dirname, '..', '..', '..');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'build' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx|json|ya?ml|html)$/.test(name)) out.push(p);
  }
  return out;
}

describe('one spelling per name, clocks not hours', () => {
  it('names the SLA clocks «Таймеры», never «Часы», in the Jira module titles and the panel', () => {
    const ru = JSON.parse(readFileSync(join(REPO, 'locales', 'ru-RU.json'), 'utf8')) as { module: Record<string, { title?: string; label?: string }> };
    const titles = Object.values(ru.module).flatMap((m) => [m.title ?? '', m.label ?? '']);
    expect(titles.filter((x) => /час[ыо]в?\s+SLA|SLA[-\s]час/i.test(x))).toEqual([]);
    expect(ru.module.panel?.title).toBe('Таймеры SLA');
    const texts = [...Object.values(PANEL_MESSAGES.ru), ...Object.values(ADMIN_MESSAGES.ru)];
    expect(texts.filter((x) => /Часы SLA/i.test(x))).toEqual([]);
  });

  it('spells the customer «Алтек» everywhere (sources, templates, locales, the local host)', () => {
    const hits = ['src', 'static', 'locales', 'local']
      .flatMap((d) => files(join(REPO, d)))
      .filter((f) => /Альтек/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(REPO.length + 1));
    expect(hits).toEqual([]);
  });
});
