// Order matters: Edge and Opera say "Chrome", Chrome says "Safari", iPads may say "Macintosh".
const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  // Automation (Playwright, Puppeteer) says "HeadlessChrome/": worth telling apart in a sessions list.
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/\biPhone|iPad|iPod\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A short, human name for a session's device from its user agent ("Firefox on Linux"); a
 * non-browser client is named by its first product token ("curl"). Never the raw header, which
 * anyone can set and which could hold anything.
 */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = browsers.find(([re]) => re.test(userAgent))?.[1];
  const system = systems.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system)!;
  const product = /^([A-Za-z][A-Za-z0-9._-]{0,30})\//.exec(userAgent)?.[1];
  return product ?? 'Unknown device';
}
