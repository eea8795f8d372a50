import { describe, expect, it } from 'vitest';
import { checkBand, DAY_MS, MIN_HISTORY_DAYS, monitorBand } from './monitor-forecast.ts';

const start = Date.UTC(2026, 10, 1);
const daysOf = (n: number) => Array.from({ length: n }, (_, i) => new Date(start + i * DAY_MS));
/** A weekly rhythm (quieter weekends) with a little deterministic noise. */
const weekly = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 >= 5 ? 20 : 40) + ((i * 7) % 5) - 2);

describe('monitorBand', () => {
  it('needs enough history, and covers yesterday, today and the days ahead', () => {
    expect(monitorBand(weekly(MIN_HISTORY_DAYS + 1), daysOf(MIN_HISTORY_DAYS + 1), 7)).toBeNull();
    const values = weekly(56);
    const band = monitorBand(values, daysOf(56), 7);
    expect(band).not.toBeNull();
    if (!band) return;
    expect(band.at).toHaveLength(9);
    expect(band.at[0]?.getTime()).toBe(start + 54 * DAY_MS);
    expect(band.at[1]?.getTime()).toBe(start + 55 * DAY_MS);
    expect(band.at[8]?.getTime()).toBe(start + 62 * DAY_MS);
    for (let i = 0; i < 9; i++) {
      expect(band.lower[i]).toBeLessThanOrEqual(band.mean[i] as number);
      expect(band.mean[i]).toBeLessThanOrEqual(band.upper[i] as number);
    }
    // The weekly rhythm carries into the forecast: a weekend day ahead is forecast lower than a weekday.
    const weekday = band.at.findIndex((d, i) => i > 1 && d.getUTCDay() === 3);
    const weekend = band.at.findIndex((d, i) => i > 1 && new Date(start + 5 * DAY_MS).getUTCDay() === d.getUTCDay());
    expect(band.mean[weekend]).toBeLessThan(band.mean[weekday] as number);
  });
});

describe('monitorBand after the sources began', () => {
  it('leaves out the silence before the first count, and stays bounded by what was seen', () => {
    // Four weeks before any source, then two a day: a step that must not read as a trend.
    const step = [...Array.from({ length: 28 }, () => 0), ...Array.from({ length: 27 }, () => 2), 14];
    const band = monitorBand(step, daysOf(56), 7);
    expect(band?.upper.every((u) => u >= 2 && u < 5)).toBe(true);
    expect(checkBand('items', step, band)).toMatchObject({ reason: 'above-band', observed: 14 });
    // Jumpy and short: whatever the model says, the band stays within ten times the largest day.
    const jumpy = [...Array.from({ length: 40 }, () => 0), 1, 0, 0, 9, 0, 0, 0, 2, 8, 0, 0, 5, 0, 0, 3, 4];
    const wide = monitorBand(jumpy, daysOf(56), 7);
    expect(Math.max(...(wide?.upper ?? [0]))).toBeLessThanOrEqual(100);
  });
});

describe('checkBand', () => {
  const values = weekly(56);
  const days = daysOf(56);

  it('stays quiet while the days follow their rhythm', () => {
    const ordinary = [...values.slice(0, 55), 3];
    expect(checkBand('items', ordinary, monitorBand(ordinary, days, 7))).toBeNull();
  });

  it('warns when today rises above its band, and not on a partial day below it', () => {
    const spiking = [...values.slice(0, 55), 400];
    const band = monitorBand(spiking, days, 7);
    const warning = checkBand('items', spiking, band);
    expect(warning).toMatchObject({ metric: 'items', reason: 'above-band', observed: 400 });
    expect(warning?.at.getTime()).toBe(days[55]?.getTime());
    expect(warning?.upper).toBeLessThan(400);
  });

  it('warns when yesterday fell below its band', () => {
    const silent = [...values.slice(0, 54), 0, 0];
    expect(checkBand('items', silent, monitorBand(silent, days, 7))).toMatchObject({ reason: 'below-band', observed: 0 });
  });

  it('warns when the forecast reaches the level, and not below the noise floor', () => {
    const ordinary = [...values.slice(0, 55), 3];
    expect(checkBand('items', ordinary, monitorBand(ordinary, days, 7), 30)).toMatchObject({ reason: 'forecast-level', level: 30 });
    const zeros = [...Array.from({ length: 55 }, () => 0), 2];
    expect(checkBand('items', zeros, monitorBand(zeros, days, 7))).toBeNull();
    expect(checkBand('items', [...zeros.slice(0, 55), 5], monitorBand([...zeros.slice(0, 55), 5], days, 7))).toMatchObject({ reason: 'above-band' });
  });
});
