/** What the device list shows of a `User-Agent`: a browser (or client) and an operating system. */
export interface DeviceDescription {
  /** e.g. "Chrome 131", "curl 8.5", "Unknown browser" */
  browser: string;
  /** e.g. "macOS", "Android", "Unknown OS" */
  os: string;
}

/** Checked in order: Edge and Opera announce themselves as Chrome too, Chrome as Safari. */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\b(?:OPR|Opera|OPiOS)\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\b(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+(?:\.\d+)?).*\bSafari\//, 'Safari'],
  [/^curl\/(\d+\.\d+)/, 'curl'],
  [/^Wget\/(\d+\.\d+)/, 'Wget'],
  [/^node(?:-fetch)?\b/, 'Node.js'],
  [/^undici\b/, 'Node.js'],
  [/^Mozilla\/5\.0 \(.*\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
];

/** Checked in order: iPadOS and Android put other systems' names in their strings. */
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\bWindows NT\b/, 'Windows'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/**
 * Names the browser and OS of a `User-Agent` for the device list: the common browsers and
 * clients (Chrome, Edge, Firefox, Safari, Opera, curl, Node.js), the common systems, and
 * "Unknown browser"/"Unknown OS" for anything else. Good enough to recognise your own devices;
 * never used for a security decision.
 *
 * @example
 * parseUserAgent('curl/8.5.0') // { browser: 'curl 8.5', os: 'Unknown OS' }
 */
export function parseUserAgent(userAgent: string | null): DeviceDescription {
  const text = (userAgent ?? '').slice(0, 512);
  let browser = 'Unknown browser';
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(text);
    if (match !== null) {
      browser = match[1] === undefined ? name : `${name} ${match[1]}`;
      break;
    }
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(text))?.[1] ?? 'Unknown OS';
  return { browser, os };
}
