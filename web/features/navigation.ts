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
  { to: '/control', label: 'nav.control', roles: ['deputy', 'director'] },
  { to: '/reports', label: 'nav.reports', roles: ['deputy', 'director', 'class_teacher', 'teacher'] },
  { to: '/journal', label: 'nav.journal', roles: ['teacher'] },
  { to: '/journal/class', label: 'nav.myClass', roles: ['class_teacher'] },
  { to: '/journal/control', label: 'nav.journalControl', roles: ['deputy', 'director'] },
];

export function menuFor(me: MeView | null | undefined): MenuEntry[] {
  if (!me) return [];
  const held = new Set(me.grants.map((g) => g.role));
  return menu.filter((e) => e.roles === 'any' || e.roles.some((r) => held.has(r)));
}
