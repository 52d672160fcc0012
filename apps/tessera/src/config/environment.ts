/**
 * Environment variables read by the server, as a plain record (`process.env` fits).
 *
 * @example
 * const env: Environment = { PORT: '8080', TESSERA_COOKIE_MODE: 'jwt' };
 */
export type Environment = Readonly<Record<string, string | undefined>>;
