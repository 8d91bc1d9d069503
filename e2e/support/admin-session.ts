import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { E2E_NOW } from './server.js';

/**
 * An installation admin's session, written straight into the journey's SQLite
 * file (the demo region has no admin account yet; sign-in has its own journeys).
 * The server keeps the database open in WAL mode, so a second writer is safe.
 */
export async function adminSession(context: BrowserContext, server: { url: string; dataDir: string }): Promise<void> {
  const db = new Database(join(server.dataDir, 'otmetka.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const now = E2E_NOW;
    const personId = Number(
      db.prepare(`insert into persons (surname, name, patronymic, created_at) values ('Админова', 'Ольга', 'Игоревна', ?)`).run(now).lastInsertRowid,
    );
    db.prepare(`insert into grants (person_id, role, granted_at) values (?, 'admin', ?)`).run(personId, now);
    const accountId = Number(
      db.prepare(`insert into accounts (person_id, login, status, activated_at, created_at) values (?, ?, 'active', ?, ?)`).run(personId, `e2e-admin-${personId}`, now, now)
        .lastInsertRowid,
    );
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(new Date(now).getTime() + 24 * 3600_000).toISOString();
    db.prepare(`insert into sessions (token_hash, account_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)`).run(
      createHash('sha256').update(token).digest('base64url'),
      accountId,
      now,
      now,
      expires,
    );
    await context.addCookies([{ name: 'otmetka_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  } finally {
    db.close();
  }
}
