import { readFile } from 'node:fs/promises';
import { parseCliArgs } from './cli/parse-cli-args.js';
import { ConfigError, loadConfig, type Environment } from './load-config.js';
import type { CliIo } from './cli/cli-command.js';
import { inspectToken, type JsonWebKeySet, type TokenInspection } from './ui/inspect-token.js';

/** How long fetching a key set may take before the check is given up. */
const JWKS_FETCH_TIMEOUT_MS = 5000;

/** Usage of the command, also part of `tessera help`. */
export const TOKEN_INSPECT_USAGE = `  token inspect <jwt|-> [--jwks <url|file>]
                        decode a JWT (header, claims, times, warnings) and check its
                        signature against a key set (default: the configured server's
                        /.well-known/jwks.json); "-" reads the token from stdin.
                        Exit 0 valid, 1 not valid`;

/**
 * `tessera token inspect`: the web UI's token inspector on the command line, the same code. Exit
 * code 0 when the token is valid (signature checked, nothing to warn about), 1 when not, 2 for a
 * usage error.
 *
 * @example
 * const code = await runTokenInspect(['eyJ…', '--jwks', 'https://auth.example.com/.well-known/jwks.json'], process.env, io);
 */
export async function runTokenInspect(
  args: readonly string[],
  env: Environment,
  io: CliIo,
  options: { readStdin?: () => Promise<string>; now?: Date } = {},
): Promise<number> {
  const { readStdin = readStdinText, now = new Date() } = options;
  let parsed;
  try {
    parsed = parseCliArgs(args, { jwks: { type: 'string' } });
  } catch (error) {
    io.err(`tessera: ${(error as Error).message}\n\nUsage:\n${TOKEN_INSPECT_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.out(`Usage:\n${TOKEN_INSPECT_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    io.err(`tessera: give exactly one token\n\nUsage:\n${TOKEN_INSPECT_USAGE}\n`);
    return 2;
  }
  const [given = ''] = parsed.positionals;
  const token = given === '-' ? await readStdin() : given;

  let source: string;
  try {
    const jwksOption = parsed.values['jwks'];
    source =
      typeof jwksOption === 'string'
        ? jwksOption
        : `${loadConfig(env).deps.tokens.issuer}/.well-known/jwks.json`;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tessera: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  let jwks: JsonWebKeySet | null = null;
  try {
    jwks = await readKeySet(source);
  } catch (error) {
    io.err(`tessera: could not read the key set from ${source}: ${(error as Error).message}\n`);
  }
  const result = await inspectToken(token, { jwks, now });
  io.out(formatInspection(result));
  return result.valid ? 0 : 1;
}

async function readStdinText(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

async function readKeySet(source: string): Promise<JsonWebKeySet> {
  const text = /^https?:\/\//i.test(source) ? await fetchText(source) : await readFile(source, 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new Error('it is not a JSON Web Key Set (no "keys" array)');
  }
  return parsed as JsonWebKeySet;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function formatInspection(result: TokenInspection): string {
  if (result.error !== null) return `Not a token: ${result.error}\n`;
  const lines = ['Header', indent(JSON.stringify(result.header, null, 2)), 'Claims'];
  lines.push(indent(result.claims === null ? '(not JSON)' : JSON.stringify(result.claims, null, 2)));
  if (result.times.length > 0) {
    lines.push('Times');
    for (const time of result.times) lines.push(`  ${time.claim.padEnd(9)} ${time.iso}  ${time.inWords}`);
  }
  lines.push(`Signature: ${result.signature.status}. ${result.signature.message}`);
  if (result.warnings.length === 0) lines.push('Warnings: none');
  else {
    lines.push('Warnings');
    for (const warning of result.warnings) lines.push(`  - ${warning.message} [${warning.code}]`);
  }
  lines.push(result.valid ? 'Result: valid' : 'Result: NOT valid');
  return `${lines.join('\n')}\n`;
}
