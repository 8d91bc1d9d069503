/**
 * Demo logins for the monitoring journey (`coordinator`, `mouo`, `school-admin`,
 * password `otmetka-demo`). The accounts part of the demo creates them; until
 * that part is on this branch, this adds the missing ones straight into the
 * journey's SQLite file: the region's coordinator, the officer of the first
 * municipality, the admin of its first school. Existing logins are left as they are.
 */
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { hashPassword } from '../../server/modules/accounts/passwords.js';

export const DEMO_PASSWORD = 'otmetka-demo';

export async function ensureDemoLogins(dataDir: string): Promise<void> {
  const db = new SQLite(join(dataDir, 'otmetka.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const exists = (login: string) => !!db.prepare('select 1 from accounts where login = ?').get(login);
    const region = db.prepare('select id from regions order by id limit 1').get() as { id: number };
    const municipality = db.prepare('select m.id from municipalities m where exists (select 1 from schools s where s.municipality_id = m.id) order by m.id limit 1').get() as { id: number };
    const school = db.prepare('select id from schools where municipality_id = ? order by id limit 1').get(municipality.id) as { id: number };
    const now = new Date().toISOString();
    const add = async (login: string, surname: string, role: string, scope: { region?: number; municipality?: number; school?: number }) => {
      if (exists(login)) return;
      const hash = await hashPassword(DEMO_PASSWORD);
      const person = db.prepare("insert into persons (surname, name, patronymic, created_at) values (?, ?, '', ?)").run(surname, 'Демо', now);
      db.prepare('insert into grants (person_id, role, region_id, municipality_id, school_id, granted_at) values (?, ?, ?, ?, ?, ?)').run(
        person.lastInsertRowid,
        role,
        scope.region ?? null,
        scope.municipality ?? null,
        scope.school ?? null,
        now,
      );
      db.prepare("insert into accounts (person_id, login, password_hash, status, activated_at, failed_logins, created_at) values (?, ?, ?, 'active', ?, 0, ?)").run(
        person.lastInsertRowid,
        login,
        hash,
        now,
        now,
      );
    };
    await add('coordinator', 'Координаторова', 'region_coordinator', { region: region.id });
    await add('mouo', 'Специалистова', 'municipal_officer', { municipality: municipality.id });
    await add('school-admin', 'Администраторова', 'school_admin', { school: school.id });
  } finally {
    db.close();
  }
}
