import { describe, expect, it } from 'vitest';
import { findFairSlots, type Party, scoreAllSlots, SlotQueryError } from './fair-slots.ts';
import { minuteRate } from './inconvenience.ts';

const utc = (text: string): number => Date.parse(text);
const one = (party: Party, startUtc: string, minutes = 60) =>
  scoreAllSlots({ parties: [party], from: utc(startUtc), to: utc(startUtc) + minutes * 60_000, durationMinutes: minutes, stepMinutes: 15 })[0]?.parties[0];

describe('inconvenience of one party', () => {
  it('is nothing inside working hours and rises by the hour outside them', () => {
    const jakarta: Party = { id: 'jkt', timeZone: 'Asia/Jakarta' };
    // Tuesday 10 March 2026; Jakarta is UTC+7.
    expect(one(jakarta, '2026-03-10T02:00Z')?.inconvenience.total).toBe(0); // 09:00–10:00
    expect(one(jakarta, '2026-03-10T01:00Z')?.inconvenience).toMatchObject({ early: 1, total: 1 }); // 08:00
    expect(one(jakarta, '2026-03-10T00:00Z')?.inconvenience).toMatchObject({ early: 2, total: 2 }); // 07:00
    expect(one(jakarta, '2026-03-10T10:00Z')?.inconvenience).toMatchObject({ late: 1, total: 1 }); // 17:00
    expect(one(jakarta, '2026-03-10T13:30Z')?.inconvenience).toMatchObject({ late: 4.5, total: 4.5 }); // 20:30–21:30: 4 then 5
    expect(one(jakarta, '2026-03-10T16:00Z')?.inconvenience).toMatchObject({ night: 10, total: 10 }); // 23:00
    expect(one(jakarta, '2026-03-10T09:30Z')?.inconvenience).toMatchObject({ late: 0.5, total: 0.5 }); // 16:30–17:30
  });

  it('charges a weekend and a public holiday as heavy, and names the holiday', () => {
    const jakarta: Party = { id: 'jkt', timeZone: 'Asia/Jakarta', country: 'ID' };
    // Saturday 14 March 2026, 23:00 local: night 10 + weekend 6.
    expect(one(jakarta, '2026-03-14T16:00Z')?.inconvenience).toMatchObject({ night: 10, weekend: 6, total: 16 });
    // Saturday 10:00: only the weekend.
    expect(one(jakarta, '2026-03-14T03:00Z')?.inconvenience).toMatchObject({ weekend: 6, total: 6 });
    // Monday 17 August 2026, Independence Day, 10:00: the holiday, not a working day.
    const independence = one(jakarta, '2026-08-17T03:00Z');
    expect(independence?.inconvenience).toMatchObject({ holiday: 6, weekend: 0, total: 6 });
    expect(independence?.daysOff.join()).toMatch(/Independence/i);
    // The same hour a week later is an ordinary working day.
    expect(one(jakarta, '2026-08-24T03:00Z')?.inconvenience.total).toBe(0);
  });

  it('takes holidays from the given lookup, and none for a country the data does not know', () => {
    const q = { from: utc('2026-08-17T03:00Z'), to: utc('2026-08-17T04:00Z'), durationMinutes: 60, stepMinutes: 15 as const };
    const unknown = scoreAllSlots({ ...q, parties: [{ id: 'x', timeZone: 'Asia/Jakarta', country: 'XX' }] })[0]?.parties[0];
    expect(unknown?.inconvenience.total).toBe(0);
    const asked: string[] = [];
    const lookup = (country: string, date: string): string | undefined => {
      asked.push(`${country} ${date}`);
      return date === '2026-08-17' ? 'Hari Kemerdekaan' : undefined;
    };
    const given = scoreAllSlots({ ...q, parties: [{ id: 'x', timeZone: 'Asia/Jakarta', country: 'ID' }], holidayOf: lookup })[0]?.parties[0];
    expect(given?.daysOff).toEqual(['Hari Kemerdekaan']);
    expect(given?.inconvenience.holiday).toBe(6);
    expect(asked).toEqual(['ID 2026-08-17']);
  });

  it('follows a working week with a Friday–Saturday weekend and declared days off', () => {
    const riyadh: Party = { id: 'ruh', timeZone: 'Asia/Riyadh', workingWeek: { start: '08:00', end: '15:00', days: [7, 1, 2, 3, 4] }, daysOff: ['2026-03-11'] };
    expect(one(riyadh, '2026-03-15T06:00Z')?.inconvenience.total).toBe(0); // Sunday 09:00
    expect(one(riyadh, '2026-03-13T06:00Z')?.inconvenience).toMatchObject({ weekend: 6, total: 6 }); // Friday 09:00
    expect(one(riyadh, '2026-03-11T06:00Z')?.inconvenience).toMatchObject({ holiday: 6, total: 6 }); // declared day off
    expect(one(riyadh, '2026-03-15T12:00Z')?.inconvenience).toMatchObject({ late: 1, total: 1 }); // Sunday 15:00
  });

  it('reads a meeting across a DST change on the clock as it changes', () => {
    // New York, Sunday 8 March 2026: a two-hour call from 01:00 EST ends at 04:00 EDT.
    const ny: Party = { id: 'nyc', timeZone: 'America/New_York', workingWeek: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5, 6, 7] } };
    const s = one(ny, '2026-03-08T06:00Z', 120);
    expect(s?.localStart).toBe('2026-03-08T01:00-05:00');
    expect(s?.localEnd).toBe('2026-03-08T04:00-04:00');
    expect(s?.inconvenience).toMatchObject({ night: 20, total: 20 });
  });

  it('gives the documented rate for each minute of the day', () => {
    const start = 9 * 60;
    const end = 17 * 60;
    expect(minuteRate(8 * 60 + 59, start, end, true)).toEqual({ rate: 1, cause: 'early' });
    expect(minuteRate(6 * 60, start, end, true)).toEqual({ rate: 3, cause: 'early' });
    expect(minuteRate(5 * 60 + 59, start, end, true)).toEqual({ rate: 10, cause: 'night' });
    expect(minuteRate(21 * 60 + 59, start, end, true)).toEqual({ rate: 5, cause: 'late' });
    expect(minuteRate(12 * 60, start, end, false)).toEqual({ rate: 0, cause: null });
  });
});

describe('ranking slots', () => {
  const parties: Party[] = [
    { id: 'jakarta', timeZone: 'Asia/Jakarta' },
    { id: 'geneva', timeZone: 'Europe/Zurich' },
    { id: 'new-york', timeZone: 'America/New_York' },
  ];
  const query = { parties, from: utc('2026-03-09T00:00Z'), to: utc('2026-03-11T00:00Z'), durationMinutes: 60, stepMinutes: 30 as const };

  it('puts first the slot whose worst-off party suffers least, then the least total, then the earliest', () => {
    const all = scoreAllSlots(query);
    const ranked = findFairSlots({ ...query, limit: all.length });
    const best = ranked[0];
    expect(best?.worst).toBe(Math.min(...all.map((s) => s.worst)));
    for (let i = 1; i < ranked.length; i++) {
      const a = ranked[i - 1];
      const b = ranked[i];
      if (!a || !b) throw new Error('missing slot');
      expect(a.worst < b.worst || (a.worst === b.worst && (a.sum < b.sum || (a.sum === b.sum && a.startMs < b.startMs)))).toBe(true);
    }
    // Minimising the worst beats minimising the total: the slot with the smallest total is worse for someone.
    const leastTotal = [...all].sort((a, b) => a.sum - b.sum || a.worst - b.worst)[0];
    expect(leastTotal && best && leastTotal.worst >= best.worst).toBe(true);
  });

  it('shows each party its local time and breakdown, in the order given', () => {
    const [best] = findFairSlots(query);
    expect(best?.parties.map((p) => p.partyId)).toEqual(['jakarta', 'geneva', 'new-york']);
    // Monday 9 March: Geneva +01:00, New York already on EDT (−04:00), Jakarta +07:00.
    expect(best?.parties.map((p) => p.localStart.slice(-6))).toEqual(['+07:00', '+01:00', '-04:00']);
    // 18:00 in Jakarta and 07:00 in New York (2 each) beats 17:30 and 06:30 (1.5 and 2.5).
    expect(best?.start).toBe('2026-03-09T11:00:00.000Z');
    expect(best?.parties.map((p) => p.inconvenience)).toEqual([
      { early: 0, late: 2, night: 0, weekend: 0, holiday: 0, total: 2 },
      { early: 0, late: 0, night: 0, weekend: 0, holiday: 0, total: 0 },
      { early: 2, late: 0, night: 0, weekend: 0, holiday: 0, total: 2 },
    ]);
  });

  it('keeps Kathmandu at a quarter past and is the same on every run', () => {
    const withKathmandu = [...parties, { id: 'kathmandu', timeZone: 'Asia/Kathmandu' }];
    const a = findFairSlots({ ...query, parties: withKathmandu, stepMinutes: 15 });
    const b = findFairSlots({ ...query, parties: withKathmandu, stepMinutes: 15 });
    expect(a).toEqual(b);
    expect(a[0]?.parties[3]?.localStart).toMatch(/T\d\d:(00|15|30|45)\+05:45$/);
  });

  it('refuses bad queries with a reason', () => {
    const bad = (patch: object): string => {
      try {
        scoreAllSlots({ ...query, ...patch });
      } catch (e) {
        if (e instanceof SlotQueryError) return e.message;
        throw e;
      }
      return 'accepted';
    };
    expect(bad({ parties: [] })).toMatch(/party/);
    expect(bad({ parties: [{ id: 'x', timeZone: 'Nowhere/Land' }] })).toMatch(/Unknown time zone/);
    expect(bad({ parties: [parties[0], parties[0]] })).toMatch(/twice/);
    expect(bad({ durationMinutes: 0 })).toMatch(/duration/);
    expect(bad({ to: utc('2026-03-09T00:30Z') })).toMatch(/range/);
    expect(bad({ parties: [{ id: 'x', timeZone: 'UTC', workingWeek: { start: '18:00', end: '09:00', days: [1] } }] })).toMatch(/end before/);
    expect(bad({ parties: [{ id: 'x', timeZone: 'UTC', workingWeek: { start: '9am', end: '17:00', days: [1] } }] })).toMatch(/HH:MM/);
    expect(bad({ to: utc('2027-03-09T00:00Z'), stepMinutes: 5 })).toMatch(/more than/);
  });
});
