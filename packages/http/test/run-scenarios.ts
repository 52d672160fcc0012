import { describe, it } from 'node:test';
import { createTestTessera, type StartApp } from './harness.js';
import { ScenarioClient } from './scenario-client.js';
import { scenarios } from './scenarios.js';

/**
 * Runs every scenario against one adapter: for each, a fresh Tessera (store, clock, keys) and a
 * fresh application started by `startApp`, over real HTTP on an ephemeral port.
 */
export function runScenarios(adapter: string, startApp: StartApp): void {
  describe(`@tessera/http/${adapter}: the adapter scenarios`, () => {
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const test = await createTestTessera(
          scenario.cookieMode ?? 'session',
          scenario.corsOrigins === undefined ? {} : { corsOrigins: new Set(scenario.corsOrigins) },
        );
        const app = await startApp(test.tessera);
        try {
          await scenario.run(
            new ScenarioClient({ url: app.url, clock: test.clock, store: test.store, deps: test.deps }),
          );
        } finally {
          await app.close();
          await test.close();
        }
      });
    }
  });
}
