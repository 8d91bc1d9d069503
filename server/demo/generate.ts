import type { AppContext } from '../context.js';
import * as structure from '../modules/structure/structure.service.js';
import { allSchools, type DemoOptions, type DemoRegion } from './plan.js';
import { Random } from './random.js';
import { generateConfirmations } from './confirmations.js';
import { generateDiaryDemo } from './diary.js';
import { generateJournalDemo } from './journal.js';
import { generateMonitoring } from './monitoring.js';
import { generatePeople } from './people.js';
import { generateSchoolSetup } from './school-setup.js';
import { generateAccounts } from './accounts.js';
import { generateStructure } from './structure.js';

/**
 * The demo region, deterministic for a seed and a scale (1 = the reference
 * region of design.md). Each capability adds its part below, so that the demo
 * is always complete.
 */
export async function generateDemoRegion(ctx: AppContext, options: DemoOptions): Promise<DemoRegion> {
  if (!(await structure.isEmpty(ctx))) throw new Error('The database already holds a region; the demo needs an empty database');
  const rnd = new Random(options.seed);
  const log = options.log ?? (() => {});
  const started = Date.now();
  const region = await generateStructure(ctx, rnd.fork('structure'), options.scale);
  const schools = region.municipalities.reduce((n, m) => n + m.schools.length, 0);
  log(`structure: ${region.municipalities.length} municipalities, ${schools} schools (${Date.now() - started} ms)`);

  await generatePeople(ctx, rnd.fork('people'), region, options.yearStart);
  const people = allSchools(region).reduce((n, s) => n + s.staff.length + s.students.length + s.students.reduce((g, p) => g + p.guardianIds.length, 0), 0);
  log(`people: ${people} persons (${Date.now() - started} ms)`);

  const setup = await generateSchoolSetup(ctx, rnd.fork('school-setup'), region, options.yearStart);
  const classes = allSchools(region).reduce((n, s) => n + (s.classes?.length ?? 0), 0);
  log(`school set-up: ${classes} classes, ${setup.lessons} lessons, ${setup.unplaced} weekly hours not placed (${Date.now() - started} ms)`);

  const logins = await generateAccounts(ctx, rnd.fork('accounts'), region, options.yearStart);
  log(`accounts: grants, accounts and consents; demo logins ${Object.keys(logins).join(', ')} (${Date.now() - started} ms)`);

  // After the school set-up (lessons) and accounts parts: it reads lessons and members from the database.
  await generateJournalDemo(ctx, rnd.fork('journal'), (m) => log(`${m} (${Date.now() - started} ms)`));

  // Monitoring reads what the other parts made, so it stays last.
  const monitoringDemo = await generateMonitoring(ctx, rnd.fork('monitoring'), region, options.yearStart);
  log(`monitoring: plan, ${monitoringDemo.weeks.length} weekly snapshots (${Date.now() - started} ms)`);
  const notices = await generateDiaryDemo(ctx, rnd.fork('diary'));
  log(`diary: notification settings ${JSON.stringify(notices)} (${Date.now() - started} ms)`);
  const confirmed = await generateConfirmations(ctx, rnd.fork('confirmations'), options.yearStart, Object.values(logins));
  log(`diary: ${confirmed} weeks confirmed by guardians (${Date.now() - started} ms)`);
  return region;
}

export function defaultYearStart(today: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(today);
  const [year, month] = local.split('-').map(Number) as [number, number];
  return `${month >= 8 ? year : year - 1}-09-01`;
}
