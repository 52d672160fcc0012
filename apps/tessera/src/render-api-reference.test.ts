import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from './openapi-document.js';
import { renderApiReference } from './render-api-reference.js';

const page = fileURLToPath(new URL('../../../docs/api-reference.md', import.meta.url));

describe('renderApiReference', () => {
  it('matches the committed docs/api-reference.md (run `npm run docs:api` after changing the document)', async () => {
    const options = (await resolveConfig(page)) ?? {};
    const expected = await format(renderApiReference(openApiDocument), { ...options, filepath: page });
    assert.equal(readFileSync(page, 'utf8'), expected);
  });

  it('has a section for every operation with every documented status and problem code', () => {
    const text = renderApiReference(openApiDocument);
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const start = text.indexOf(`### ${method.toUpperCase()} ${path}\n`);
        assert.ok(start >= 0, `${method} ${path}`);
        const section = text.slice(start, text.indexOf('\n### ', start + 1));
        for (const [status, response] of Object.entries(operation.responses)) {
          assert.match(section, new RegExp(`^\\| ${status} \\|`, 'm'), `${method} ${path} ${status}`);
          for (const [, code] of response.description.matchAll(/`([a-z_]+)`/g)) {
            assert.ok(section.includes(`\`${code}\``), `${method} ${path} ${status} ${code}`);
          }
        }
      }
    }
  });
});
