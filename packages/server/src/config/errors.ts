/** A configuration problem that stops start-up; the message names the file and the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
