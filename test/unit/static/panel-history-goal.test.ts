import { historyDetail } from '../../../static/issue-panel/src/history-words';

describe('panel history details', () => {
  const t = ((key: string) => key) as unknown as Parameters<typeof historyDetail>[1];
  it('says a goal change in words, not goal codes', () => {
    expect(historyDetail('4wd → 3wd', t, 'ru-RU')).toBe('4 рабочих дня → 3 рабочих дня');
    expect(historyDetail('30m → 24h,5bd', t, 'en-US')).toMatch(/^30 minutes → 24 working hours or 5 business days, whichever is less$/);
  });

  it('says the goal of a met or breached clock in words', () => {
    expect(historyDetail('30m', t, 'ru-RU')).toBe('30 минут');
    expect(historyDetail('24h,5bd', t, 'ru-RU')).toBe('24 рабочих часа или 5 дней без выходных, что меньше');
    expect(historyDetail('4wd', t, 'en-US')).toBe('4 working days');
    expect(historyDetail('status Done', t, 'en-US')).toBe('history.detail.status');
  });
});
