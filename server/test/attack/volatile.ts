/**
 * Tables whose rows a refused request may legitimately add or touch: session
 * bookkeeping (last seen), the log of security events (refused sign-ins) and
 * the migrator's own tables. The attack tests compare logical dumps of every
 * other table before and after their requests.
 */
export const VOLATILE_TABLES = ['sessions', 'security_events', 'kysely_migration', 'kysely_migration_lock'] as const;
