/**
 * The monitoring module's public face: routes, other modules, jobs, the CLI
 * and the demo use these functions only. The rules live in the files named
 * below (activation and activity figures, snapshots, report chain, ranking, plan, export).
 */
export { recordJournalActivity, registerConsentCoverage, type ConsentCoverage, type JournalActivity } from './activity.js';
export { municipalityDashboard, notActivatedPeople, regionDashboard, schoolDashboard } from './dashboards.js';
export { dashboardXlsx, municipalityWeekXlsx, planXlsx, regionWeekXlsx, schoolWeekXlsx } from './export.js';
export { addMilestone, ensurePlans, regionPlan, seedRegionPlan, updateMilestone } from './plan.js';
export { rankingHistory, setRankingWeights } from './ranking.js';
export {
  confirmMunicipalityWeek,
  confirmSchoolWeek,
  municipalityWeek,
  recordSchoolConfirmation,
  regionWeek,
  reportWeeks,
  schoolWeek,
} from './reports.js';
export { dueWeek, refreshAllCounters, refreshCounters, runDueSnapshots, takeSnapshot, zonedInstant } from './snapshots.js';
