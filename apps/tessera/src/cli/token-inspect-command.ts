import { runTokenInspect } from '../run-token-inspect.js';
import type { CliCommand } from './cli-command.js';

/**
 * `token inspect`: the table entry for `runTokenInspect`, which parses its own arguments; this
 * entry only lets the dispatcher list it, answer `--help` and refuse unknown options.
 *
 * @example
 * table.set(tokenInspectCommand.name, tokenInspectCommand);
 */
export const tokenInspectCommand: CliCommand = {
  name: 'token inspect',
  synopsis: 'token inspect <jwt|-> [--jwks <url|file>]',
  summary: 'decode a JWT and check its signature (exit 0 valid, 1 not valid)',
  details:
    'Shows header, claims, times and warnings, and checks the signature against a key set\n' +
    '(default: the configured server\'s /.well-known/jwks.json). "-" reads the token from stdin.',
  options: { jwks: { type: 'string' } },
  positionals: [0, 1],
  run({ positionals, values, env, io }) {
    const jwks = values['jwks'];
    return runTokenInspect(
      [...(typeof jwks === 'string' ? [`--jwks=${jwks}`] : []), '--', ...positionals],
      env,
      io,
    );
  },
};
