/**
 * A configuration error: names the variable and says what it must be.
 *
 * @example
 * throw new ConfigError('PORT must be a whole number (got "http")');
 */
export class ConfigError extends TypeError {
  override readonly name = 'ConfigError';
}
