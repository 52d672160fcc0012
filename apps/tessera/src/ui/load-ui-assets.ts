import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UI_STYLESHEET } from './ui-stylesheet.js';

/** One static file the UI serves under `/ui/`. */
export interface UiAsset {
  contentType: string;
  body: string;
  /** A strong validator: the browser revalidates (`no-cache`) and gets a 304 while it matches. */
  etag: string;
}

/** Every static file, by request path (`/ui/tessera.css`, `/ui/client.js`, …). */
export type UiAssets = ReadonlyMap<string, UiAsset>;

const JAVASCRIPT = 'text/javascript; charset=utf-8';

function asset(contentType: string, body: string): UiAsset {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { contentType, body, etag: `"${digest}"` };
}

/** Every `.js` file under `dir`, by path relative to it with `/` separators. */
function readScripts(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        // The source map comment points at a file we do not serve.
        const text = readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
        found.set(relative(dir, path).split(sep).join('/'), text);
      }
    }
  };
  walk(dir);
  return found;
}

/** The directory of `@tessera/client`'s package (its `dist/` holds the ESM build). */
function findClientPackage(): string | null {
  let dir = dirname(fileURLToPath(import.meta.resolve('@tessera/client')));
  for (let depth = 0; depth < 4; depth += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist'))) return dir;
    dir = dirname(dir);
  }
  return null;
}

/** The directory of `@simplewebauthn/browser`'s ES modules (`esm/`), or `null` when it is not installed. */
function findWebAuthnModules(): string | null {
  try {
    const dir = dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/browser')));
    return existsSync(join(dir, 'index.js')) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Reads the UI's static files once, at start-up: the stylesheet, the page scripts compiled by the
 * workspace build (`apps/tessera/dist/ui-browser`), and the ESM build of `@tessera/client`
 * (`/ui/client.js`, its modules under `/ui/client/`), and the ES modules of `@simplewebauthn/browser`
 * for the passkey buttons (`/ui/webauthn.js`, its modules under `/ui/webauthn/`). `missing` names what the build has not
 * produced yet; the pages still work without their scripts.
 *
 * @example
 * const { assets, missing } = loadUiAssets();
 */
export function loadUiAssets(
  browserDir: string = fileURLToPath(new URL('../../dist/ui-browser/', import.meta.url)),
): { assets: UiAssets; missing: string[] } {
  const assets = new Map<string, UiAsset>();
  const missing: string[] = [];
  assets.set('/ui/tessera.css', asset('text/css; charset=utf-8', UI_STYLESHEET));
  const pageScripts = readScripts(browserDir);
  if (pageScripts.size === 0) missing.push(browserDir);
  for (const [path, text] of pageScripts) assets.set(`/ui/js/${path}`, asset(JAVASCRIPT, text));
  const clientDir = findClientPackage();
  const clientScripts = clientDir === null ? new Map<string, string>() : readScripts(join(clientDir, 'dist'));
  if (!clientScripts.has('index.js')) missing.push('@tessera/client dist/index.js');
  else {
    for (const [path, text] of clientScripts) assets.set(`/ui/client/${path}`, asset(JAVASCRIPT, text));
    assets.set('/ui/client.js', asset(JAVASCRIPT, "export * from './client/index.js';\n"));
  }
  const webAuthnDir = findWebAuthnModules();
  if (webAuthnDir === null) missing.push('@simplewebauthn/browser esm/index.js');
  else {
    for (const [path, text] of readScripts(webAuthnDir))
      assets.set(`/ui/webauthn/${path}`, asset(JAVASCRIPT, text));
    assets.set('/ui/webauthn.js', asset(JAVASCRIPT, "export * from './webauthn/index.js';\n"));
  }
  return { assets, missing };
}
