import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupRunView, BackupView } from '../../../shared/contracts/backup';
import { get, post } from '../../api/client';

export function useBackups() {
  return useQuery({ queryKey: ['backups'], queryFn: () => get<BackupView[]>('/api/admin/backups') });
}

/** Polls every second while a backup runs, so the progress bar moves. */
export function useBackupStatus() {
  return useQuery({
    queryKey: ['backups', 'status'],
    queryFn: () => get<BackupRunView>('/api/admin/backups/status'),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false),
  });
}

export function useBackUpNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<BackupRunView>('/api/admin/backups'),
    onSuccess: (run) => client.setQueryData(['backups', 'status'], run),
  });
}

export function downloadUrl(name: string): string {
  return `/api/admin/backups/${encodeURIComponent(name)}/download`;
}
