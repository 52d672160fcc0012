/**
 * The object without its unset entries: an unset variable leaves its option out, for core to fill in
 * from packages/core/src/defaults.ts (each default written once).
 *
 * @example
 * definedOnly({ idleTimeoutSeconds: undefined, maxSessionsPerUser: 3 }); // { maxSessionsPerUser: 3 }
 */
export function definedOnly<T extends object>(values: { [K in keyof T]: T[K] | undefined }): {
  [K in keyof T]?: T[K];
} {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: T[K];
  };
}
