import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotActivatedPage } from '../../../shared/contracts/monitoring';
import { api, get, post, put } from '../../api/client';
import type { RankingWeights } from '../../../shared/monitoring';
import type { MunicipalityDashboard, MunicipalityWeek, RegionDashboard, RegionPlan, SchoolDashboard } from './types';

const base = '/api/monitoring';

export function useRegionDashboard(id: number) {
  return useQuery({ queryKey: ['monitoring', 'region', id], queryFn: () => get<RegionDashboard>(`${base}/regions/${id}`) });
}

export function useMunicipalityDashboard(id: number) {
  return useQuery({ queryKey: ['monitoring', 'municipality', id], queryFn: () => get<MunicipalityDashboard>(`${base}/municipalities/${id}`) });
}

export function useMunicipalityWeek(id: number, week: string | undefined) {
  return useQuery({
    queryKey: ['monitoring', 'municipality', id, 'week', week],
    queryFn: () => get<MunicipalityWeek>(`${base}/municipalities/${id}/weeks/${week}`),
    enabled: !!week,
  });
}

export function useSchoolDashboard(id: number) {
  return useQuery({ queryKey: ['monitoring', 'school', id], queryFn: () => get<SchoolDashboard>(`${base}/schools/${id}`) });
}

const NOT_ACTIVATED_PAGE_SIZE = 50;

/** A page of the school's not-activated pupils and guardians; the server filters by class, kind and name. */
export function useNotActivated(id: number, filter: { page: number; classId?: number | null; kind?: string | null; q?: string }) {
  const search = new URLSearchParams({ page: String(filter.page), pageSize: String(NOT_ACTIVATED_PAGE_SIZE) });
  if (filter.classId) search.set('classId', String(filter.classId));
  if (filter.kind) search.set('kind', filter.kind);
  if (filter.q) search.set('q', filter.q);
  return useQuery({
    queryKey: ['monitoring', 'school', id, 'not-activated', search.toString()],
    queryFn: () => get<NotActivatedPage>(`${base}/schools/${id}/not-activated?${search}`),
    placeholderData: keepPreviousData,
  });
}

export function useRegionPlan(id: number) {
  return useQuery({ queryKey: ['monitoring', 'plan', id], queryFn: () => get<RegionPlan>(`${base}/regions/${id}/plan`) });
}

export function useConfirm(level: 'schools' | 'municipalities', id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { week: string; comment: string }) => post(`${base}/${level}/${id}/weeks/${input.week}/confirm`, { comment: input.comment }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring'] }),
  });
}

export function useMarkDone(regionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; on: string; note: string }) => api('PATCH', `${base}/milestones/${input.id}`, { done: { on: input.on, note: input.note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'plan', regionId] }),
  });
}

export function useSetWeights(regionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (weights: RankingWeights) => put(`${base}/regions/${regionId}/ranking-weights`, weights),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'region', regionId] }),
  });
}


export const exportUrl = {
  regionDashboard: (id: number) => `${base}/regions/${id}/export.xlsx`,
  municipalityDashboard: (id: number) => `${base}/municipalities/${id}/export.xlsx`,
  schoolDashboard: (id: number) => `${base}/schools/${id}/export.xlsx`,
  regionWeek: (id: number, week: string) => `${base}/regions/${id}/weeks/${week}/export.xlsx`,
  municipalityWeek: (id: number, week: string) => `${base}/municipalities/${id}/weeks/${week}/export.xlsx`,
  schoolWeek: (id: number, week: string) => `${base}/schools/${id}/weeks/${week}/export.xlsx`,
  plan: (id: number) => `${base}/regions/${id}/plan/export.xlsx`,
};
