import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivationCodeView, MeView, SessionView } from '../../../shared/contracts/accounts';
import type { ConsentView } from '../../../shared/contracts/consents';
import type { ChildView, CreatedPersonView, PeopleList, PersonDetail } from '../../../shared/contracts/people';
import type { SchoolView } from '../../../shared/contracts/structure';
import { api, del, get, patch, post } from '../../api/client';

export function useActivate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; login: string; password: string }) => post<MeView>('/api/auth/activate', input),
    onSuccess: (me) => {
      client.clear();
      client.setQueryData(['me'], me);
    },
  });
}

export const useSessions = () => useQuery({ queryKey: ['sessions'], queryFn: () => get<SessionView[]>('/api/auth/sessions') });

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: number) => del<void>(`/api/auth/sessions/${id}`), onSuccess: () => client.invalidateQueries({ queryKey: ['sessions'] }) });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => post<void>('/api/auth/password', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sessions'] }),
  });
}

export const useMyChildren = () => useQuery({ queryKey: ['my-children'], queryFn: () => get<ChildView[]>('/api/me/children') });
export const useChild = (id: number) => useQuery({ queryKey: ['child', id], queryFn: () => get<ChildView>(`/api/children/${id}`), enabled: id > 0, retry: false });
export const useMySchools = () => useQuery({ queryKey: ['my-schools'], queryFn: () => get<SchoolView[]>('/api/schools') });

export const PEOPLE_PAGE_SIZE = 50;

/** A page of the school's staff, pupils or guardians (by surname; searched and filtered on the server). */
export function usePeople(schoolId: number, kind: string, q: string, status: string, page: number) {
  const params = new URLSearchParams({ kind, ...(q ? { q } : {}), ...(status !== 'all' ? { status } : {}), page: String(page), pageSize: String(PEOPLE_PAGE_SIZE) });
  return useQuery({
    queryKey: ['people', schoolId, kind, q, status, page],
    queryFn: () => get<PeopleList>(`/api/schools/${schoolId}/people?${params}`),
    enabled: schoolId > 0,
    placeholderData: keepPreviousData,
  });
}

export const usePerson = (id: number) => useQuery({ queryKey: ['person', id], queryFn: () => get<PersonDetail>(`/api/people/${id}`), enabled: id > 0, retry: false });
export const useConsents = (studentId: number, enabled: boolean) =>
  useQuery({ queryKey: ['consents', studentId], queryFn: () => get<ConsentView[]>(`/api/students/${studentId}/consents`), enabled });

/** A mutation that refreshes people lists and the person afterwards. */
export function usePeopleMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['people'] });
      void client.invalidateQueries({ queryKey: ['person'] });
      void client.invalidateQueries({ queryKey: ['consents'] });
    },
  });
}

export const peopleApi = {
  create: (schoolId: number, kind: 'staff' | 'students' | 'guardians', body: unknown) => post<CreatedPersonView>(`/api/schools/${schoolId}/${kind}`, body),
  update: (id: number, body: unknown) => patch<PersonDetail>(`/api/people/${id}`, body),
  reissue: (id: number) => post<ActivationCodeView>(`/api/people/${id}/activation-code`),
  grant: (body: unknown) => post<{ grantId: number }>('/api/grants', body),
  withdrawGrant: (id: number) => del<void>(`/api/grants/${id}`),
  link: (schoolId: number, body: unknown) => post<CreatedPersonView>(`/api/schools/${schoolId}/guardianships`, body),
  leave: (id: number, body: unknown) => post<PersonDetail>(`/api/people/${id}/leave`, body),
  recordConsent: (studentId: number, body: unknown) => post<ConsentView>(`/api/students/${studentId}/consents`, body),
  withdrawConsent: (id: number, body: unknown) => post<ConsentView>(`/api/consents/${id}/withdraw`, body),
  uploadScan: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ConsentView>('PUT', `/api/consents/${id}/scan`, form);
  },
};
