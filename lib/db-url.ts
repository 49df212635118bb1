/** `postgres://` or `postgresql://` selects PostgreSQL; anything else is a libSQL/SQLite URL (file:…). */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);
