import type { MeView } from '../../shared/contracts/accounts';
import type { Role } from '../../shared/roles';

/**
 * The menu, by role. Each feature adds its entries here; an entry shows when
 * the signed-in person holds any of its roles ('any' = every signed-in person).
 */
export interface MenuEntry {
  to: string;
  /** An i18n key. */
  label: string;
  roles: readonly Role[] | 'any';
}

export const menu: MenuEntry[] = [
  { to: '/home', label: 'nav.home', roles: 'any' },
  { to: '/people', label: 'nav.people', roles: ['admin', 'school_admin', 'director', 'deputy'] },
  { to: '/profile', label: 'nav.profile', roles: 'any' },
  { to: '/timetable', label: 'nav.timetable', roles: ['director', 'school_admin', 'deputy', 'teacher', 'class_teacher', 'student', 'guardian'] },
  { to: '/setup', label: 'nav.setup', roles: ['school_admin', 'director'] },
  { to: '/imports', label: 'nav.imports', roles: ['school_admin', 'director', 'admin'] },
  { to: '/control', label: 'nav.control', roles: ['deputy', 'director'] },
  { to: '/reports', label: 'nav.reports', roles: ['deputy', 'director', 'class_teacher', 'teacher'] },
  { to: '/journal', label: 'nav.journal', roles: ['teacher'] },
  { to: '/journal/class', label: 'nav.myClass', roles: ['class_teacher'] },
  { to: '/journal/control', label: 'nav.journalControl', roles: ['deputy', 'director'] },
  { to: '/monitoring', label: 'nav.monitoring', roles: ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin', 'deputy'] },
  { to: '/diary', label: 'nav.diary', roles: ['student', 'guardian'] },
  { to: '/diary/feed', label: 'nav.diaryFeed', roles: ['student', 'guardian'] },
  { to: '/diary/settings', label: 'nav.diarySettings', roles: ['guardian'] },
  { to: '/diary/class', label: 'nav.diaryConfirmations', roles: ['class_teacher'] },
];

export function menuFor(me: MeView | null | undefined): MenuEntry[] {
  if (!me) return [];
  const held = new Set(me.grants.map((g) => g.role));
  return menu.filter((e) => e.roles === 'any' || e.roles.some((r) => held.has(r)));
}
