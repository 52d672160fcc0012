// Writes docs/api-reference.md from the OpenAPI document (`npm run docs:api`), formatted by the
// repository's prettier settings. A test fails when the committed page differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../apps/tessera/src/openapi-document.js';
import { renderApiReference } from '../apps/tessera/src/render-api-reference.js';

const target = fileURLToPath(new URL('../docs/api-reference.md', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
writeFileSync(target, await format(renderApiReference(openApiDocument), { ...options, filepath: target }));
console.log(`wrote ${target}`);
