// The sample Grafana dashboard (docs/grafana/tessera-dashboard.json) parses, picks its Prometheus
// data source through a variable, charts every Tessera metric, and names only metrics that a real
// server's /metrics really exposes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets: { refId: string; expr: string; datasource: { type: string; uid: string } }[];
}

const dashboard = JSON.parse(
  readFileSync(new URL('../../../docs/grafana/tessera-dashboard.json', import.meta.url), 'utf8'),
) as { title: string; uid: string; schemaVersion: number; templating: { list: any[] }; panels: Panel[] };

/** Metric names an expression reads (PromQL functions and label names are lower-case words too, so
 * only names with a known metric prefix count). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:tessera|process|nodejs)_[a-z0-9_]+)/g)].map((match) => match[1]!);
}

describe('Grafana dashboard', () => {
  let server: TestServer;
  let exposed: Set<string>;
  before(async () => {
    server = await startTestServer();
    const scrape = await server.send('GET', '/metrics');
    assert.equal(scrape.status, 200);
    // A family is exposed once declared (`# TYPE`), even before its first sample.
    exposed = new Set();
    for (const line of scrape.text.split('\n')) {
      const declared = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$/.exec(line);
      if (declared !== null) {
        const [, name, type] = declared as unknown as [string, string, string];
        exposed.add(name);
        if (type === 'histogram')
          for (const suffix of ['_bucket', '_count', '_sum']) exposed.add(name + suffix);
      } else if (line !== '' && !line.startsWith('#')) {
        exposed.add(/^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0]);
      }
    }
  });
  after(() => server.close());

  it('is a dashboard with a Prometheus data-source variable used by every panel and query', () => {
    assert.equal(dashboard.title, 'Tessera');
    assert.ok(typeof dashboard.uid === 'string' && dashboard.uid.length > 0);
    assert.ok(dashboard.schemaVersion >= 36);
    const variable = dashboard.templating.list.find((entry) => entry.type === 'datasource');
    assert.equal(variable?.query, 'prometheus');
    const ids = new Set<number>();
    for (const panel of dashboard.panels) {
      assert.ok(!ids.has(panel.id), `duplicate panel id ${panel.id}`);
      ids.add(panel.id);
      assert.deepEqual(panel.datasource, { type: 'prometheus', uid: `\${${variable.name}}` }, panel.title);
      assert.ok(panel.targets.length > 0, panel.title);
      for (const target of panel.targets) assert.deepEqual(target.datasource, panel.datasource);
      assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, panel.title);
    }
  });

  it('names only metrics that /metrics really exposes', () => {
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const names = metricsIn(target.expr);
        assert.ok(names.length > 0, `${panel.title}: ${target.expr}`);
        for (const name of names) assert.ok(exposed.has(name), `${panel.title}: ${name} is not exposed`);
      }
    }
  });

  it('has a panel for every Tessera metric', () => {
    const charted = new Set(
      dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricsIn(target.expr))),
    );
    const families = new Set(
      [...exposed]
        .filter((name) => name.startsWith('tessera_'))
        .map((name) => name.replace(/_(bucket|count|sum)$/, '')),
    );
    for (const family of families) {
      assert.ok(
        [...charted].some((name) => name === family || name.startsWith(`${family}_`)),
        `no panel charts ${family}`,
      );
    }
  });
});
