import { describeRelativeTime } from './describe-relative-time.js';
import { html, type SafeHtml } from './html.js';

/**
 * A time on a page: relative words ("3 minutes ago"), the exact instant in `datetime` and `title`.
 *
 * @example
 * html`<td>${renderTime(device.lastSeenAt, now)}</td>`
 */
export function renderTime(iso: string, now: Date): SafeHtml {
  const instant = new Date(iso);
  return html`<time datetime="${iso}" title="${instant.toUTCString()}"
    >${describeRelativeTime(instant, now)}</time
  >`;
}
