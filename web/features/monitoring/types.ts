/** Shapes of the monitoring API's answers (server/modules/monitoring/dashboards.ts, reports.ts, plan.ts). */
import type { Figures, GroupCounts, Rates, RankingWeights, TargetMilestone, TargetStatus } from '../../../shared/monitoring';

export interface TargetEvaluation {
  status: TargetStatus;
  milestone: TargetMilestone | null;
  expected: number;
}

export interface FigureView {
  figures: Figures;
  total: GroupCounts;
  rates: Rates;
  target: TargetEvaluation;
}

export interface HistoryPoint {
  week: string;
  rates: Rates;
  total: GroupCounts;
}

export interface Targets {
  region: TargetMilestone[];
  municipality: TargetMilestone[];
  school: TargetMilestone[];
}

export interface RankingRow {
  place: number;
  id: number;
  name: string;
  score: number;
  rates: Rates;
}

export interface Confirmation {
  at: string;
  comment: string;
  by?: string;
}

export interface RegionDashboard {
  region: { id: number; name: string; timeZone: string };
  date: string;
  week: string;
  weeks: string[];
  refreshedAt: string | null;
  totals: FigureView;
  municipalities: Array<FigureView & { id: number; name: string; schools: number; schoolsConfirmed: number; confirmedAt: string | null }>;
  ranking: RankingRow[];
  weights: RankingWeights;
  history: HistoryPoint[];
  targets: Targets;
  planStart: string;
}

export interface MunicipalityDashboard {
  region: { id: number; name: string };
  municipality: { id: number; name: string };
  date: string;
  week: string;
  refreshedAt: string | null;
  totals: FigureView;
  schools: Array<FigureView & { id: number; name: string; shortName: string; confirmation: Confirmation | null }>;
  confirmation: Confirmation | null;
  history: HistoryPoint[];
  targets: Targets;
}

export interface ClassRow {
  id: number;
  name: string;
  grade: number;
  students: GroupCounts;
  guardians: GroupCounts;
  population: number;
  activated: number;
  rate: number;
}

export interface SchoolDashboard {
  region: { id: number; name: string };
  municipality: { id: number };
  school: { id: number; name: string };
  date: string;
  week: string;
  refreshedAt: string | null;
  totals: FigureView;
  classes: ClassRow[];
  confirmation: Confirmation | null;
  history: HistoryPoint[];
  targets: Targets;
  canSeeNames: boolean;
  canConfirm: boolean;
}

export interface MunicipalityWeek {
  week: string;
  taken: boolean;
  schools: Array<{ id: number; name: string; confirmation: Confirmation | null; total: GroupCounts | null }>;
  confirmation: Confirmation | null;
}

export type MilestoneStatus = TargetStatus | 'done' | 'open' | 'upcoming';

export interface Milestone {
  id: number;
  level: 'region' | 'municipality' | 'school';
  position: number;
  text: string;
  startsOn: string | null;
  deadline: string;
  responsible: string;
  responsibleRole: string;
  kind: 'automatic' | 'manual';
  target: number | null;
  done: { on: string; note: string } | null;
  status: MilestoneStatus;
  units: Record<TargetStatus, number> | null;
}

export interface RegionPlan {
  date: string;
  planStart: string;
  milestones: Milestone[];
}
