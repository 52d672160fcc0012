// Hand-written SVG horizontal bar charts for the benchmark tables (no dependency). The chart draws
// its own opaque background and switches colours with prefers-color-scheme, so it reads the same on
// GitHub's light and dark themes.

const escapeXml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const CHAR_WIDTH = 6.6; // of 12 px sans-serif, roughly: enough to size the label column
const formatValue = (value) => {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return String(Number(value.toPrecision(3)));
};

/**
 * An SVG bar chart: one horizontal bar per `{label, value, group?}`, the value written after the bar.
 * `log: true` draws bars on a log₁₀ scale (for values that span orders of magnitude).
 *
 * @example
 * renderBarChart({ title: 'p99', unit: 'ms', bars: [{ label: 'Tessera', value: 12 }] })
 */
export function renderBarChart({ title, subtitle = '', unit = '', bars, log = false }) {
  const width = 760;
  const labelWidth = Math.min(340, Math.max(120, ...bars.map((bar) => bar.label.length * CHAR_WIDTH + 16)));
  const valueWidth = 110;
  const barArea = width - labelWidth - valueWidth - 20;
  const rowHeight = 26;
  const top = subtitle === '' ? 44 : 62;
  const height = top + bars.length * rowHeight + 14;
  const max = Math.max(...bars.map((bar) => bar.value), Number.MIN_VALUE);
  const min = Math.min(...bars.map((bar) => bar.value).filter((value) => value > 0), max);
  // On a log scale the smallest bar still gets a visible stub: the axis starts a decade below it.
  const floor = log ? Math.pow(10, Math.floor(Math.log10(min)) - 1) : 0;
  const scale = (value) => {
    if (value <= 0) return 0;
    if (!log) return (value / max) * barArea;
    return (Math.log10(value / floor) / Math.log10(max / floor)) * barArea;
  };
  const truncate = (label) => {
    const fits = Math.floor((labelWidth - 12) / CHAR_WIDTH);
    return label.length <= fits ? label : `${label.slice(0, fits - 1)}…`;
  };
  // Bars of one group (one store, one library) share a colour; the colour changes with the group.
  let shade = 0;
  const shades = bars.map((bar, index) => {
    if (index > 0 && (bar.group ?? index) !== (bars[index - 1].group ?? index - 1)) shade = 1 - shade;
    return shade;
  });
  const rows = bars
    .map((bar, index) => {
      const y = top + index * rowHeight;
      const barWidth = Math.max(1, scale(bar.value));
      return [
        `<text class="label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeXml(truncate(bar.label))}<title>${escapeXml(bar.label)}</title></text>`,
        `<rect class="bar${shades[index]}" x="${labelWidth}" y="${y + 5}" width="${barWidth.toFixed(1)}" height="${rowHeight - 9}" rx="2"/>`,
        `<text class="value" x="${(labelWidth + barWidth + 6).toFixed(1)}" y="${y + 17}">${escapeXml(formatValue(bar.value))}${unit === '' ? '' : `${unit === '×' ? '' : ' '}${escapeXml(unit)}`}</text>`,
      ].join('');
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">
  <style>
    .bg { fill: #ffffff; stroke: #d0d7de; }
    .title { font: 600 14px -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #1f2328; }
    .subtitle, .label, .value { font: 12px -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #1f2328; }
    .subtitle { fill: #59636e; }
    .bar0 { fill: #0969da; }
    .bar1 { fill: #54aeff; }
    @media (prefers-color-scheme: dark) {
      .bg { fill: #0d1117; stroke: #3d444d; }
      .title, .label, .value { fill: #f0f6fc; }
      .subtitle { fill: #9198a1; }
      .bar0 { fill: #4493f8; }
      .bar1 { fill: #1f6feb; }
    }
  </style>
  <rect class="bg" x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="6"/>
  <text class="title" x="14" y="26">${escapeXml(title)}</text>
  ${subtitle === '' ? '' : `<text class="subtitle" x="14" y="46">${escapeXml(subtitle)}</text>`}
  ${rows}
</svg>
`;
}

/**
 * The chart of one result table: bars labelled by the first column (or the columns `chart.label`
 * names), sized by `chart.column`; without a `chart` hint, by the first column whose header says
 * "ratio" or "×", else the first numeric column. Returns `null` when nothing is numeric.
 *
 * @example
 * renderTableChart({ title, columns: ['lib', 'ops/s'], rows: [['jose', 1000]] })
 */
export function renderTableChart(table) {
  const numeric = (index) => table.rows.some((row) => toNumber(row[index]) !== null);
  let column = table.chart?.column === undefined ? -1 : table.columns.indexOf(table.chart.column);
  if (column === -1)
    column = table.columns.findIndex((name, index) => /ratio|×/i.test(name) && numeric(index));
  if (column === -1) column = table.columns.findIndex((_, index) => index > 0 && numeric(index));
  if (column === -1) return null;
  const labelColumns = table.chart?.label ?? [0];
  const bars = table.rows
    .filter((row) => toNumber(row[column]) !== null)
    .map((row) => ({
      label: labelColumns.map((index) => String(row[index])).join(' · '),
      value: toNumber(row[column]),
      group: labelColumns.length > 1 ? String(row[labelColumns[0]]) : undefined,
    }));
  if (bars.length === 0) return null;
  const unit = table.chart?.unit ?? (table.columns[column].includes('×') ? '×' : '');
  // A long table title is cut at its first colon or parenthesis; the rest goes under it.
  const cut = table.title.search(/:\s|\s\(/);
  const chartTitle = table.chart?.title ?? (cut === -1 ? table.title : table.title.slice(0, cut));
  const rest =
    table.chart?.title === undefined && cut !== -1 ? table.title.slice(cut).replace(/^:\s*|^\s*/, '') : '';
  const fit = (text, length) => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);
  return renderBarChart({
    title: fit(chartTitle, 95),
    subtitle: fit(
      `${table.columns[column]}${table.chart?.log ? ' (log scale)' : ''}${rest === '' ? '' : ` · ${rest}`}`,
      120,
    ),
    unit,
    bars,
    log: table.chart?.log === true,
  });
}

/** A table cell as a number: numbers as they are, and strings such as "1,234", "1.5×" or "12 ms". */
function toNumber(cell) {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const match = /^(-?[\d,]*\.?\d+)\s*(?:×|x|ms|µs|ns|s|%)?$/.exec(cell.trim());
  return match === null ? null : Number(match[1].replaceAll(',', ''));
}
