/**
 * An object whose properties are each built by their own builder on first read, then kept.
 * For prepared statements: a repository bound to one transaction is made per transaction, and
 * the slow path that uses one (a refresh token replayed inside its grace window, say) should not
 * pay Drizzle's SQL generation for every other statement of its module as well.
 */
export function lazyRecord<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const record = {} as T;
  for (const key of Object.keys(builders) as Array<keyof T>) {
    Object.defineProperty(record, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = builders[key]();
        Object.defineProperty(record, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return record;
}
