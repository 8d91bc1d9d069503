import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeView } from '../../../shared/contracts/accounts';
import type { PageOf } from '../../../shared/contracts/paging';
import type { ControlView, RemarkView } from '../../../shared/contracts/reports';
import type { Role } from '../../../shared/roles';
import { get, post } from '../../api/client';

/** The school the signed-in person works in under one of these roles (the first such grant). */
export function schoolOf(me: MeView | null | undefined, roles: readonly Role[]): number | null {
  return me?.grants.find((g) => roles.includes(g.role) && g.schoolId != null)?.schoolId ?? null;
}

const CONTROL_PAGE_SIZE = 50;

/** A page of the control rows of a term, sorted and searched by the server. */
export function useControl(schoolId: number | null, filter: { termId: number | null; page: number; sort: string; desc: boolean; q: string }) {
  const search = new URLSearchParams({ page: String(filter.page), pageSize: String(CONTROL_PAGE_SIZE), sort: filter.sort, desc: String(filter.desc) });
  if (filter.termId) search.set('termId', String(filter.termId));
  if (filter.q) search.set('q', filter.q);
  return useQuery({
    queryKey: ['control', schoolId, search.toString()],
    queryFn: () => get<ControlView>(`/api/control/schools/${schoolId}?${search}`),
    enabled: schoolId != null,
    placeholderData: keepPreviousData,
  });
}

/** A page of the school's remarks, newest first (20 a page: each is a few lines). */
export function useSchoolRemarks(schoolId: number | null, page: number) {
  return useQuery({
    queryKey: ['remarks', schoolId, page],
    queryFn: () => get<PageOf<RemarkView>>(`/api/control/schools/${schoolId}/remarks?page=${page}&pageSize=20`),
    enabled: schoolId != null,
    placeholderData: keepPreviousData,
  });
}

export function useWriteRemark() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { courseId: number; teacherId: number; text: string }) => post<RemarkView>('/api/control/remarks', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['remarks'] });
      void client.invalidateQueries({ queryKey: ['control'] });
    },
  });
}

export function useMyRemarks(enabled: boolean) {
  return useQuery({ queryKey: ['my-remarks'], queryFn: () => get<RemarkView[]>('/api/control/my-remarks'), enabled });
}

export function useRemarkDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => post<RemarkView>(`/api/control/remarks/${id}/done`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['my-remarks'] }),
  });
}
