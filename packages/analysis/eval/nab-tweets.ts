import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOUR_MS = 3_600_000;

/** One NAB tweet-volume series summed into hourly buckets, with its labelled anomaly windows. */
export type NabSeries = { name: string; start: number; hourly: number[]; windows: [number, number][] };

/** NAB timestamps are UTC wall-clock times without a zone ("2015-03-03 04:37:53.000000"). */
function parseUtc(text: string): number {
  return Date.parse(`${text.trim().replace(' ', 'T').replace(/\.\d+$/, '')}Z`);
}

/** The series of `nab-tweets/` (5-minute counts summed per UTC hour); undefined when absent. */
export function readNabTweets(dataDir: string): NabSeries[] | undefined {
  const dir = join(dataDir, 'nab-tweets');
  if (!existsSync(join(dir, 'windows.json'))) return undefined;
  const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as Record<string, [string, string][]>;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((file) => {
      const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n').slice(1);
      const points = lines.map((l) => {
        const [ts = '', value = '0'] = l.split(',');
        return [parseUtc(ts), Number(value)] as const;
      });
      const start = Math.floor(points[0]![0] / HOUR_MS) * HOUR_MS;
      const hourly: number[] = [];
      for (const [t, v] of points) {
        const h = Math.floor((t - start) / HOUR_MS);
        while (hourly.length <= h) hourly.push(0);
        hourly[h]! += v;
      }
      const labelled = (windows[`realTweets/${file}`] ?? []).map(([a, b]) => [parseUtc(a), parseUtc(b)] as [number, number]);
      return { name: file.replace(/^Twitter_volume_|\.csv$/g, ''), start, hourly, windows: labelled };
    });
}
