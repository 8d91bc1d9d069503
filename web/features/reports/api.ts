import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArchiveFileView, ArchiveJobView, ReportOptionsView, ScreenReport } from '../../../shared/contracts/reports';
import { get, post } from '../../api/client';

export function useOptions(schoolId: number | null) {
  return useQuery({ queryKey: ['report-options', schoolId], queryFn: () => get<ReportOptionsView>(`/api/reports/schools/${schoolId}/options`), enabled: schoolId != null });
}

/** A report's on-screen table; `url` carries the report's query without `format`. */
export function useScreenReport(url: string | null) {
  return useQuery({ queryKey: ['report', url], queryFn: () => get<ScreenReport>(`${url}${url!.includes('?') ? '&' : '?'}format=table`), enabled: url != null });
}

export function useArchives(schoolId: number | null, leader: boolean) {
  const jobs = useQuery({
    queryKey: ['archive-jobs', schoolId],
    queryFn: () => get<ArchiveJobView[]>(`/api/reports/schools/${schoolId}/archive-jobs`),
    enabled: schoolId != null && leader,
    // Progress of a running job is polled.
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
  const files = useQuery({ queryKey: ['archives', schoolId], queryFn: () => get<ArchiveFileView[]>(`/api/reports/schools/${schoolId}/archives`), enabled: schoolId != null });
  return { jobs, files };
}

export function useArchiveActions(schoolId: number | null) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['archive-jobs'] });
    void client.invalidateQueries({ queryKey: ['archives'] });
  };
  return {
    classArchive: useMutation({ mutationFn: (classId: number) => post<ArchiveFileView>(`/api/reports/classes/${classId}/archive`), onSuccess: refresh }),
    schoolArchive: useMutation({ mutationFn: () => post<ArchiveJobView>(`/api/reports/schools/${schoolId}/archive-jobs`, {}), onSuccess: refresh }),
  };
}
