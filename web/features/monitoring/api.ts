import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post, put } from '../../api/client';
import type { RankingWeights } from '../../../shared/monitoring';
import type { MunicipalityDashboard, MunicipalityWeek, NotActivatedPerson, RegionDashboard, RegionPlan, SchoolDashboard } from './types';

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

export function useNotActivated(id: number, enabled: boolean) {
  return useQuery({ queryKey: ['monitoring', 'school', id, 'not-activated'], queryFn: () => get<NotActivatedPerson[]>(`${base}/schools/${id}/not-activated`), enabled });
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
