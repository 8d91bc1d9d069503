import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassConfirmations, DiaryChild, DiaryFeed, DiarySubjects, DiaryWeek, NotificationMode, NotificationSettings } from '../../../shared/contracts/diary';
import { get, post, put } from '../../api/client';

export const useChildren = () => useQuery({ queryKey: ['diary', 'children'], queryFn: () => get<DiaryChild[]>('/api/diary/children'), staleTime: 60_000 });

export const useWeek = (studentId: number | null, week: string | null) =>
  useQuery({
    queryKey: ['diary', 'week', studentId, week ?? 'current'],
    queryFn: () => get<DiaryWeek>(`/api/diary/students/${studentId}/week${week ? `?week=${week}` : ''}`),
    enabled: studentId != null,
    // A parent switching back expects the mark entered a minute ago: always refetch on show.
    staleTime: 0,
  });

export const useSubjects = (studentId: number | null, termId: number | null) =>
  useQuery({
    queryKey: ['diary', 'subjects', studentId, termId ?? 'current'],
    queryFn: () => get<DiarySubjects>(`/api/diary/students/${studentId}/subjects${termId ? `?termId=${termId}` : ''}`),
    enabled: studentId != null,
    staleTime: 0,
  });

export const useFeed = (studentId: number | null) =>
  useQuery({ queryKey: ['diary', 'feed', studentId], queryFn: () => get<DiaryFeed>(`/api/diary/students/${studentId}/feed`), enabled: studentId != null, staleTime: 0 });

export function useMarkSeen(studentId: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => post<{ seenUpTo: string }>(`/api/diary/students/${studentId}/seen`, { upTo }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['diary', 'feed', studentId] }),
  });
}

export function useConfirmWeek(studentId: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (week: string) => post<{ week: string; confirmedAt: string }>(`/api/diary/students/${studentId}/confirmations`, { week }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['diary', 'week', studentId] }),
  });
}

export const useNotificationSettings = () => useQuery({ queryKey: ['diary', 'notifications'], queryFn: () => get<NotificationSettings>('/api/diary/notifications') });

export function useSaveNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mode: NotificationMode) => put<NotificationSettings>('/api/diary/notifications', { mode }),
    onSuccess: (data) => client.setQueryData(['diary', 'notifications'], data),
  });
}

export const useClassConfirmations = (classId: number | null, week: string | null) =>
  useQuery({
    queryKey: ['diary', 'class', classId, week ?? 'current'],
    queryFn: () => get<ClassConfirmations>(`/api/diary/classes/${classId}/confirmations${week ? `?week=${week}` : ''}`),
    enabled: classId != null,
  });

export function instantText(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
}
