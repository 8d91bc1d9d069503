import { IdParams } from '../../../shared/contracts/common.js';
import { ConfirmBody, CreateMilestoneBody, NotActivatedPage, NotActivatedQuery, RankingWeightsBody, UpdateMilestoneBody, WeekParams } from '../../../shared/contracts/monitoring.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import * as service from './monitoring.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function monitoringRoutes(app: App, ctx: AppContext): void {
  const tags = ['monitoring'];
  const file = (reply: any, f: { filename: string; body: Buffer }) =>
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${f.filename}"`).send(f.body);

  // Dashboards
  app.get('/api/monitoring/regions/:id', { config: { permission: 'monitoring.region' }, schema: { tags, summary: 'Region dashboard: activation, activity, ranking, history', params: IdParams } }, async (request) =>
    service.regionDashboard(ctx, requireActor(request.actor), request.params.id),
  );
  app.get('/api/monitoring/municipalities/:id', { config: { permission: 'monitoring.municipality' }, schema: { tags, summary: 'Municipality dashboard: its schools', params: IdParams } }, async (request) =>
    service.municipalityDashboard(ctx, requireActor(request.actor), request.params.id),
  );
  app.get('/api/monitoring/schools/:id', { config: { permission: 'monitoring.school' }, schema: { tags, summary: 'School dashboard: its classes', params: IdParams } }, async (request) =>
    service.schoolDashboard(ctx, requireActor(request.actor), request.params.id),
  );
  app.get('/api/monitoring/schools/:id/not-activated', { config: { permission: 'monitoring.school.people' }, schema: { tags, summary: 'A page of the pupils and guardians not yet activated, by class (school staff only)', params: IdParams, querystring: NotActivatedQuery, response: { 200: NotActivatedPage } } }, async (request) =>
    service.notActivatedPeople(ctx, requireActor(request.actor), request.params.id, request.query),
  );
  for (const level of ['region', 'municipality', 'school'] as const) {
    const path = { region: 'regions', municipality: 'municipalities', school: 'schools' }[level];
    app.get(`/api/monitoring/${path}/:id/export.xlsx`, { config: { permission: `monitoring.${level}` }, schema: { tags, summary: `The ${level} dashboard as XLSX`, params: IdParams } }, async (request, reply) =>
      file(reply, await service.dashboardXlsx(ctx, requireActor(request.actor), level, (request.params as { id: number }).id)),
    );
  }

  // Weekly reports
  app.get('/api/monitoring/regions/:id/weeks/:week', { config: { permission: 'monitoring.region' }, schema: { tags, summary: 'The region’s frozen week', params: WeekParams } }, async (request) =>
    service.regionWeek(ctx, requireActor(request.actor), request.params.id, request.params.week),
  );
  app.get('/api/monitoring/municipalities/:id/weeks/:week', { config: { permission: 'monitoring.municipality' }, schema: { tags, summary: 'A municipality’s frozen week with its schools’ confirmations', params: WeekParams } }, async (request) =>
    service.municipalityWeek(ctx, requireActor(request.actor), request.params.id, request.params.week),
  );
  app.get('/api/monitoring/schools/:id/weeks/:week', { config: { permission: 'monitoring.school' }, schema: { tags, summary: 'A school’s frozen week', params: WeekParams } }, async (request) =>
    service.schoolWeek(ctx, requireActor(request.actor), request.params.id, request.params.week),
  );
  app.post('/api/monitoring/schools/:id/weeks/:week/confirm', { config: { permission: 'reports.confirm' }, schema: { tags, summary: 'Confirm the school’s weekly report', params: WeekParams, body: ConfirmBody } }, async (request, reply) =>
    reply.status(201).send(await service.confirmSchoolWeek(ctx, requireActor(request.actor), request.params.id, request.params.week, request.body)),
  );
  app.post('/api/monitoring/municipalities/:id/weeks/:week/confirm', { config: { permission: 'reports.confirm.municipality' }, schema: { tags, summary: 'Confirm the municipality’s weekly summary', params: WeekParams, body: ConfirmBody } }, async (request, reply) =>
    reply.status(201).send(await service.confirmMunicipalityWeek(ctx, requireActor(request.actor), request.params.id, request.params.week, request.body)),
  );
  app.get('/api/monitoring/regions/:id/weeks/:week/export.xlsx', { config: { permission: 'monitoring.region' }, schema: { tags, summary: 'The region’s week as XLSX for the operator’s office', params: WeekParams } }, async (request, reply) =>
    file(reply, await service.regionWeekXlsx(ctx, requireActor(request.actor), request.params.id, request.params.week)),
  );
  app.get('/api/monitoring/municipalities/:id/weeks/:week/export.xlsx', { config: { permission: 'monitoring.municipality' }, schema: { tags, summary: 'A municipality’s week as XLSX', params: WeekParams } }, async (request, reply) =>
    file(reply, await service.municipalityWeekXlsx(ctx, requireActor(request.actor), request.params.id, request.params.week)),
  );
  app.get('/api/monitoring/schools/:id/weeks/:week/export.xlsx', { config: { permission: 'monitoring.school' }, schema: { tags, summary: 'A school’s week as XLSX', params: WeekParams } }, async (request, reply) =>
    file(reply, await service.schoolWeekXlsx(ctx, requireActor(request.actor), request.params.id, request.params.week)),
  );

  // Ranking
  app.get('/api/monitoring/regions/:id/ranking', { config: { permission: 'monitoring.region' }, schema: { tags, summary: '«Самые активные МОУО» week by week', params: IdParams } }, async (request) =>
    service.rankingHistory(ctx, requireActor(request.actor), request.params.id),
  );
  app.put('/api/monitoring/regions/:id/ranking-weights', { config: { permission: 'plan.manage' }, schema: { tags, summary: 'Set the ranking’s weights', params: IdParams, body: RankingWeightsBody } }, async (request) =>
    service.setRankingWeights(ctx, requireActor(request.actor), request.params.id, request.body),
  );

  // Rollout plan
  app.get('/api/monitoring/regions/:id/plan', { config: { permission: 'monitoring.region' }, schema: { tags, summary: 'The rollout plan with statuses', params: IdParams } }, async (request) =>
    service.regionPlan(ctx, requireActor(request.actor), request.params.id),
  );
  app.get('/api/monitoring/regions/:id/plan/export.xlsx', { config: { permission: 'monitoring.region' }, schema: { tags, summary: 'The rollout plan as XLSX', params: IdParams } }, async (request, reply) =>
    file(reply, await service.planXlsx(ctx, requireActor(request.actor), request.params.id)),
  );
  app.post('/api/monitoring/regions/:id/plan', { config: { permission: 'plan.manage' }, schema: { tags, summary: 'Add a milestone', params: IdParams, body: CreateMilestoneBody } }, async (request, reply) =>
    reply.status(201).send(await service.addMilestone(ctx, requireActor(request.actor), request.params.id, request.body)),
  );
  app.patch('/api/monitoring/milestones/:id', { config: { permission: 'plan.manage' }, schema: { tags, summary: 'Change a milestone or mark it done', params: IdParams, body: UpdateMilestoneBody } }, async (request) =>
    service.updateMilestone(ctx, requireActor(request.actor), request.params.id, request.body),
  );
}
