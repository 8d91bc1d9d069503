import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { signedIn } from '../../test/factories.js';
import { buildFixture } from './monitoring-fixture.js';
import * as monitoring from './monitoring.service.js';

/*
 * The fixture (monitoring-fixture.ts), as of Wed 14 Oct 2026 12:00 Asia/Chita (03:00Z).
 * "Activated" = account active with activated_at ≤ now; "active" = activated and seen after 7 Oct 03:00Z.
 *
 * Municipality А-район:
 *   Школа 1: staff 4 (active7, active7, active, none)            → pop 4,  activated 3, active 2
 *            5А pupils 10 (3×active7, 3×active, blocked, pending, 2×none) → pop 10, activated 6, active 3
 *            guardians 9 (pupils 9 and 10 share one): 2×active7, 2×active, 5×none → pop 9, activated 4, active 2
 *            1А is grade 1: its 2 pupils and 2 guardians are not counted
 *            total pop 4+10+9 = 23, activated 3+6+4 = 13 (56.5 %), active 2+3+2 = 7
 *            lessons 7–13 Oct: 7, 8, 9, 12, 13 Oct = 5 (the cancelled one and 6, 14 Oct are outside), with topic 7, 8, 13 = 3
 *            marks in the window: 12 (8 Oct) + 5 (13 Oct) = 17, late 2 (the 7 of 14 Oct are outside)
 *   Школа 2: staff 2 (active, active) → 2/2, active 0; 9Б pupils 4 (none) → 4/0; guardians 4 (active7, 3×none) → 4/1, active 1
 *            the pupil who left on 30 Sep is not counted; total pop 10, activated 3 (30 %), active 1
 *   Школа 3: staff 1 (none) → pop 1, activated 0
 *   А total: staff 7/5 (active 2), students 14/6 (active 3), guardians 13/5 (active 3)
 *            pop 34, activated 16 → 16/34 = 0.470588; activity 8/16 = 0.5; topics 3/5 = 0.6
 * Б-район: staff 10, activated 8, active 8 → 0.8; activity 8/8 = 1; topics 0/0 = 0
 * В-район: staff 5, activated 5, active 0 → 1.0; activity 0; topics 2/2 = 1
 * Region: pop 34+10+5 = 49, activated 16+8+5 = 29 → 29/49 = 0.591837
 */
let env: TestEnv;
let f: Awaited<ReturnType<typeof buildFixture>>;
let coordinator: string;
let officerA: string;
let officerB: string;
let admin1: string;
let admin2: string;

beforeAll(async () => {
  env = await createTestEnv();
  f = await buildFixture(env.ctx);
  await monitoring.refreshCounters(env.ctx, { regionId: f.region.id });
  coordinator = (await signedIn(env.ctx, 'region_coordinator', { regionId: f.region.id })).cookie;
  officerA = (await signedIn(env.ctx, 'municipal_officer', { municipalityId: f.mA.id })).cookie;
  officerB = (await signedIn(env.ctx, 'municipal_officer', { municipalityId: f.mB.id })).cookie;
  admin1 = (await signedIn(env.ctx, 'school_admin', { schoolId: f.s1.id })).cookie;
  admin2 = (await signedIn(env.ctx, 'school_admin', { schoolId: f.s2.id })).cookie;
});
afterAll(async () => env?.close());

describe('activation and activity figures', () => {
  it('per role and in total for the municipality and each of its schools, summed from counts', async () => {
    const res = await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}`, { cookie: officerA });
    expect(res.status).toBe(200);
    const t = res.body.totals;
    expect(t.figures.staff).toEqual({ population: 7, activated: 5, active: 2 });
    expect(t.figures.students).toEqual({ population: 14, activated: 6, active: 3 });
    expect(t.figures.guardians).toEqual({ population: 13, activated: 5, active: 3 });
    expect(t.total).toEqual({ population: 34, activated: 16, active: 8 });
    expect(t.rates.activation.total).toBeCloseTo(16 / 34, 9);
    expect(t.rates.activation.staff).toBeCloseTo(5 / 7, 9);
    expect(t.rates.activation.students).toBeCloseTo(6 / 14, 9);
    expect(t.rates.activation.guardians).toBeCloseTo(5 / 13, 9);
    // Summed from counts: the average of the schools' rates (56.5 %, 30 %, 0 %) would be 28.8 %.
    expect(t.rates.activity).toBeCloseTo(0.5, 9);
    expect(t.rates.topics).toBeCloseTo(0.6, 9);
    expect(t.figures.marksEntered).toBe(17);
    expect(t.figures.marksLate).toBe(2);
    expect(t.figures.consents).toBe(0); // no consents module registered yet

    const bySchool = Object.fromEntries(res.body.schools.map((s: any) => [s.name, s]));
    expect(bySchool['Школа 1'].total).toEqual({ population: 23, activated: 13, active: 7 });
    expect(bySchool['Школа 1'].figures.lessonsPast).toBe(5);
    expect(bySchool['Школа 1'].figures.lessonsWithTopic).toBe(3);
    expect(bySchool['Школа 2'].total).toEqual({ population: 10, activated: 3, active: 1 });
    expect(bySchool['Школа 3'].total).toEqual({ population: 1, activated: 0, active: 0 });
  });

  it('target status on 14 Oct: municipality at risk, schools met / met (exactly 30 %) / at risk', async () => {
    // Plan from 1 Sep 2026: municipality 30 % by 19 Sep, 60 % by 19 Oct; school 30 % by 19 Oct.
    // Municipality: 30 % passed and reached; 60 % in force, linear from 30 % on 19 Sep: 0.3 + 0.3·25/30 = 0.55 > 0.4706 → at risk.
    // Schools: 30 % by 19 Oct from 0 % on 1 Sep: 0.3·43/48 = 0.26875 expected; Школа 1 0.565 met, Школа 2 0.30 met, Школа 3 0 at risk.
    const res = await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}`, { cookie: officerA });
    expect(res.body.totals.target.status).toBe('at_risk');
    expect(res.body.totals.target.milestone.target).toBe(0.6);
    expect(res.body.totals.target.milestone.deadline).toBe('2026-10-19');
    expect(res.body.totals.target.expected).toBeCloseTo(0.55, 9);
    const status = Object.fromEntries(res.body.schools.map((s: any) => [s.name, s.target.status]));
    expect(status).toEqual({ 'Школа 1': 'met', 'Школа 2': 'met', 'Школа 3': 'at_risk' });
  });

  it('the region sums its municipalities and ranks them: В (0.70), Б (0.62), А (0.518)', async () => {
    const res = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}`, { cookie: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.totals.total).toEqual({ population: 49, activated: 29, active: 16 });
    expect(res.body.totals.rates.activation.total).toBeCloseTo(29 / 49, 9);
    // А: 0.4·16/34 + 0.3·0.5 + 0.3·0.6 = 0.188235 + 0.15 + 0.18 = 0.518235
    // Б: 0.4·0.8 + 0.3·1 + 0.3·0 = 0.62;  В: 0.4·1 + 0.3·0 + 0.3·1 = 0.70
    expect(res.body.ranking.map((r: any) => [r.place, r.name])).toEqual([
      [1, 'В-район'],
      [2, 'Б-район'],
      [3, 'А-район'],
    ]);
    expect(res.body.ranking[2].score).toBeCloseTo(0.4 * (16 / 34) + 0.15 + 0.18, 9);
    expect(res.body.ranking[1].score).toBeCloseTo(0.62, 9);
    expect(res.body.ranking[0].score).toBeCloseTo(0.7, 9);
    expect(res.body.weights).toEqual({ activation: 0.4, activity: 0.3, topics: 0.3 });
  });

  it('activation per class for the school, and the names of those not activated for school staff only', async () => {
    const res = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}`, { cookie: admin1 });
    expect(res.status).toBe(200);
    const cls = Object.fromEntries(res.body.classes.map((c: any) => [c.name, c]));
    expect(cls['5А'].students).toEqual({ population: 10, activated: 6, active: 3 });
    expect(cls['5А'].guardians).toEqual({ population: 9, activated: 4, active: 2 });
    expect(cls['5А'].rate).toBeCloseTo(10 / 19, 9);
    expect(cls['1А'].population).toBe(0);
    expect(res.body.canSeeNames).toBe(true);
    const names = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}/not-activated`, { cookie: admin1 });
    expect(names.status).toBe(200);
    // Pupils: blocked, pending and 2 without an account = 4; guardians without an account = 5.
    expect(names.body.items.filter((p: any) => p.kind === 'student')).toHaveLength(4);
    expect(names.body.items.filter((p: any) => p.kind === 'guardian')).toHaveLength(5);
    expect(names.body.items[0].name).toMatch(/\S+ \S+/);
  });

  it('municipal and regional roles see counts, never names', async () => {
    for (const cookie of [officerA, coordinator]) {
      const list = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}/not-activated`, { cookie });
      expect(list.status).toBe(403);
      const school = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}`, { cookie });
      expect(school.status).toBe(200);
      expect(school.body.canSeeNames).toBe(false);
      for (const url of [`/api/monitoring/schools/${f.s1.id}`, `/api/monitoring/municipalities/${f.mA.id}`]) {
        const body = JSON.stringify((await call(env.app, 'GET', url, { cookie })).body);
        expect(body).not.toMatch(/Ученик|Родителева|Сотрудникова/);
      }
    }
    const other = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}/not-activated`, { cookie: admin2 });
    expect(other.status).toBe(404);
  });

  it('out of scope is a 404: another municipality, another school', async () => {
    expect((await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}`, { cookie: officerB })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}`, { cookie: admin2 })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}`, { cookie: officerB })).status).toBe(404);
  });
});

describe('weekly snapshots and the report chain', () => {
  it('freezes the due week once per school; a second run changes nothing', async () => {
    const first = await monitoring.runDueSnapshots(env.ctx);
    expect(first).toEqual([{ weekOf: '2026-10-14', taken: true, schools: 5 }]);
    const before = await env.ctx.db.kysely.selectFrom('weekly_snapshots').selectAll().orderBy('id').execute();
    expect(before).toHaveLength(5);
    expect(await monitoring.runDueSnapshots(env.ctx)).toEqual([]);
    expect((await monitoring.takeSnapshot(env.ctx, f.region.id, '2026-10-14')).taken).toBe(false);
    expect(await env.ctx.db.kysely.selectFrom('weekly_snapshots').selectAll().orderBy('id').execute()).toEqual(before);
    const week = await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}/weeks/2026-10-14`, { cookie: officerA });
    expect(week.body.total).toEqual({ population: 34, activated: 16, active: 8 });
    expect(week.body.figures.marksEntered).toBe(17);
  });

  it('a week in the future or not a snapshot day is refused', async () => {
    const future = await call(env.app, 'GET', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-21`, { cookie: admin1 });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('week_in_future');
    expect(future.body.field).toBe('/params/week');
    const tuesday = await call(env.app, 'POST', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-13/confirm`, { cookie: admin1, body: { comment: '' } });
    expect(tuesday.status).toBe(400);
    const futureConfirm = await call(env.app, 'POST', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-21/confirm`, { cookie: admin1, body: { comment: '' } });
    expect(futureConfirm.body.code).toBe('week_in_future');
    expect(await env.ctx.db.kysely.selectFrom('school_report_confirmations').selectAll().execute()).toEqual([]);
  });

  it('school admin confirms; a second confirmation is 409; another school’s admin gets 404', async () => {
    const ok = await call(env.app, 'POST', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-14/confirm`, { cookie: admin1, body: { comment: 'Данные сверены' } });
    expect(ok.status).toBe(201);
    expect(ok.body.confirmation.comment).toBe('Данные сверены');
    const again = await call(env.app, 'POST', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-14/confirm`, { cookie: admin1, body: { comment: 'ещё раз' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('report_already_confirmed');
    const outside = await call(env.app, 'POST', `/api/monitoring/schools/${f.s1.id}/weeks/2026-10-14/confirm`, { cookie: admin2, body: { comment: 'чужая' } });
    expect(outside.status).toBe(404);
    const rows = await env.ctx.db.kysely.selectFrom('school_report_confirmations').selectAll().execute();
    expect(rows.map((r) => [r.school_id, r.comment])).toEqual([[f.s1.id, 'Данные сверены']]);
  });

  it('the municipal officer sees which schools confirmed and confirms the summary; the region sees it', async () => {
    const week = await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}/weeks/2026-10-14`, { cookie: officerA });
    const confirmed = Object.fromEntries(week.body.schools.map((s: any) => [s.name, s.confirmation !== null]));
    expect(confirmed).toEqual({ 'Школа 1': true, 'Школа 2': false, 'Школа 3': false });
    expect((await call(env.app, 'POST', `/api/monitoring/municipalities/${f.mA.id}/weeks/2026-10-14/confirm`, { cookie: officerB, body: { comment: 'x' } })).status).toBe(404);
    const ok = await call(env.app, 'POST', `/api/monitoring/municipalities/${f.mA.id}/weeks/2026-10-14/confirm`, { cookie: officerA, body: { comment: 'Свод готов' } });
    expect(ok.status).toBe(201);
    expect((await call(env.app, 'POST', `/api/monitoring/municipalities/${f.mA.id}/weeks/2026-10-14/confirm`, { cookie: officerA, body: { comment: 'x' } })).status).toBe(409);
    const region = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}/weeks/2026-10-14`, { cookie: coordinator });
    const a = region.body.municipalities.find((m: any) => m.name === 'А-район');
    expect(a.schoolsConfirmed).toBe(1);
    expect(a.confirmation.comment).toBe('Свод готов');
  });

  it('the region exports the week as XLSX with the hand-computed figures', async () => {
    const res = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}/weeks/2026-10-14/export.xlsx`, { cookie: coordinator });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw.rawPayload as never);
    const ws = book.getWorksheet('МОУО')!;
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const a = rows.find((r) => r[0] === 'А-район')!;
    // МОУО, ОУ, ОУ подтвердили, МОУО подтвердило, staff 7/5/2, students 14/6/3, guardians 13/5/3, 34, 16, 47.1 %
    expect(a.slice(1, 3)).toEqual([3, 1]);
    expect(a.slice(4, 16)).toEqual([7, 5, 2, 14, 6, 3, 13, 5, 3, 34, 16, 47.1]);
    const ranking = book.getWorksheet('Рейтинг')!;
    expect(ranking.getRow(4).getCell(2).value).toBe('В-район');
  });

  it('a missed week is caught up at start, with activation as of that week', async () => {
    env.clock.set('2026-10-28T03:00:00.000Z');
    try {
      const taken = await monitoring.runDueSnapshots(env.ctx);
      expect(taken.map((t) => [t.weekOf, t.taken])).toEqual([
        ['2026-10-21', true],
        ['2026-10-28', true],
      ]);
      // Sessions idle for more than 3 days have ended: sign in again at the new date.
      const cookie = (await signedIn(env.ctx, 'region_coordinator', { regionId: f.region.id })).cookie;
      const history = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}`, { cookie });
      expect(history.body.history.map((h: any) => h.week)).toEqual(['2026-10-14', '2026-10-21', '2026-10-28']);
      expect(history.body.history[0].total.activated).toBe(29);
    } finally {
      env.clock.set('2026-10-14T03:00:00.000Z');
    }
  });
});

describe('target status on other dates', () => {
  it('after the 60 % deadline the municipality is overdue', async () => {
    env.clock.set('2026-10-20T03:00:00.000Z');
    try {
      await monitoring.refreshCounters(env.ctx, { regionId: f.region.id });
      const cookie = (await signedIn(env.ctx, 'municipal_officer', { municipalityId: f.mA.id })).cookie;
      const res = await call(env.app, 'GET', `/api/monitoring/municipalities/${f.mA.id}`, { cookie });
      // 16/34 = 47 % < 60 % due 19 Oct → overdue; Школа 3 (0 %) missed the school 30 % of 19 Oct → overdue.
      expect(res.body.totals.target.status).toBe('overdue');
      expect(res.body.totals.target.milestone.deadline).toBe('2026-10-19');
      expect(res.body.schools.find((s: any) => s.name === 'Школа 3').target.status).toBe('overdue');
      // Школа 2 (30 %) reached 30 %; in force 60 % by 19 Nov, expected 0.3 + 0.3·1/31 = 0.3097 → at risk.
      expect(res.body.schools.find((s: any) => s.name === 'Школа 2').target.status).toBe('at_risk');
      expect(res.body.schools.find((s: any) => s.name === 'Школа 2').target.expected).toBeCloseTo(0.3 + 0.3 / 31, 9);
      // Школа 1 (56.5 %): expected 0.3097 → on track.
      expect(res.body.schools.find((s: any) => s.name === 'Школа 1').target.status).toBe('on_track');
    } finally {
      env.clock.set('2026-10-14T03:00:00.000Z');
      await monitoring.refreshCounters(env.ctx, { regionId: f.region.id });
    }
  });
});

describe('ranking weights and the rollout plan', () => {
  it('the coordinator changes the weights; the order follows', async () => {
    const bad = await call(env.app, 'PUT', `/api/monitoring/regions/${f.region.id}/ranking-weights`, { cookie: coordinator, body: { activation: 0.5, activity: 0.5, topics: 0.5 } });
    expect(bad.status).toBe(400);
    expect((await call(env.app, 'PUT', `/api/monitoring/regions/${f.region.id}/ranking-weights`, { cookie: officerA, body: { activation: 1, activity: 0, topics: 0 } })).status).toBe(403);
    const ok = await call(env.app, 'PUT', `/api/monitoring/regions/${f.region.id}/ranking-weights`, { cookie: coordinator, body: { activation: 1, activity: 0, topics: 0 } });
    expect(ok.status).toBe(200);
    const res = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}`, { cookie: coordinator });
    // Activation only: В 1.0, Б 0.8, А 0.47
    expect(res.body.ranking.map((r: any) => r.name)).toEqual(['В-район', 'Б-район', 'А-район']);
    expect(res.body.ranking[1].score).toBeCloseTo(0.8, 9);
    await call(env.app, 'PUT', `/api/monitoring/regions/${f.region.id}/ranking-weights`, { cookie: coordinator, body: { activation: 0.4, activity: 0.3, topics: 0.3 } });
  });

  it('the plan of appendix 1 with computed statuses', async () => {
    const res = await call(env.app, 'GET', `/api/monitoring/regions/${f.region.id}/plan`, { cookie: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.milestones).toHaveLength(27);
    const m60 = res.body.milestones.find((m: any) => m.level === 'municipality' && m.target === 0.6);
    expect(m60.deadline).toBe('2026-10-19');
    // Municipalities on 14 Oct vs 60 % (expected 55 %): А 47 % at risk, Б 80 % met, В 100 % met.
    expect(m60.units).toEqual({ met: 2, on_track: 0, at_risk: 1, overdue: 0 });
    expect(m60.status).toBe('at_risk');
    const firstManual = res.body.milestones.find((m: any) => m.level === 'region' && m.position === 1);
    expect(firstManual.status).toBe('overdue'); // due 1 Sep, not marked done
  });

  it('a milestone due before its predecessor is refused and nothing changes; a manual one is marked done', async () => {
    const before = await env.ctx.db.kysely.selectFrom('rollout_milestones').selectAll().execute();
    const bad = await call(env.app, 'POST', `/api/monitoring/regions/${f.region.id}/plan`, {
      cookie: coordinator,
      body: { level: 'municipality', text: 'Активация 80 %', deadline: '2026-09-10', responsible: 'МОУО', responsibleRole: 'municipal_officer', kind: 'automatic', target: 0.8 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('plan_deadline_order');
    expect(bad.body.field).toBe('/body/deadline');
    const m100 = before.find((m) => m.level === 'municipality' && Number(m.target) === 1)!;
    const badPatch = await call(env.app, 'PATCH', `/api/monitoring/milestones/${m100.id}`, { cookie: coordinator, body: { deadline: '2026-10-01' } });
    expect(badPatch.status).toBe(422);
    expect(await env.ctx.db.kysely.selectFrom('rollout_milestones').selectAll().execute()).toEqual(before);

    const manual = before.find((m) => m.level === 'region' && m.position === 1)!;
    const done = await call(env.app, 'PATCH', `/api/monitoring/milestones/${manual.id}`, { cookie: coordinator, body: { done: { on: '2026-09-01', note: 'Соглашение № 12' } } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.done).toEqual({ on: '2026-09-01', note: 'Соглашение № 12' });
    const added = await call(env.app, 'POST', `/api/monitoring/regions/${f.region.id}/plan`, {
      cookie: coordinator,
      body: { level: 'school', text: 'Активация 80 %', deadline: '2027-01-15', responsible: 'ОУ', responsibleRole: 'school_admin', kind: 'automatic', target: 0.8 },
    });
    expect(added.status).toBe(201);
    expect(added.body.units.met + added.body.units.on_track + added.body.units.at_risk + added.body.units.overdue).toBe(5);
  });
});
