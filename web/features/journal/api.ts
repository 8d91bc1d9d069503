import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ClassOverviewView,
  CorrectionPage,
  GridView,
  HistoryEntry,
  JournalChange,
  LessonView,
  LockView,
  TeacherHomeView,
  WriteResult,
} from '../../../shared/contracts/journal';
import { ApiError, api, get, post } from '../../api/client';

export const gridKey = (courseId: number, termId?: number) => ['journal', 'grid', courseId, termId ?? 'current'] as const;

export function useGrid(courseId: number, termId?: number) {
  return useQuery({
    queryKey: gridKey(courseId, termId),
    queryFn: () => get<GridView>(`/api/journal/courses/${courseId}${termId ? `?termId=${termId}` : ''}`),
    staleTime: 5_000,
  });
}

export const useTeacherHome = (enabled: boolean) =>
  useQuery({ queryKey: ['journal', 'home'], queryFn: () => get<TeacherHomeView>('/api/journal/home'), enabled });

export const useLesson = (id: number | null) =>
  useQuery({ queryKey: ['journal', 'lesson', id], queryFn: () => get<LessonView>(`/api/journal/lessons/${id}`), enabled: id != null });

export const useHistory = (params: string | null) =>
  useQuery({ queryKey: ['journal', 'history', params], queryFn: () => get<HistoryEntry[]>(`/api/journal/history?${params}`), enabled: params != null });

/** A page of the school's corrections, newest first (50 a page). */
export const useCorrections = (schoolId: number | null, all: boolean, page: number) =>
  useQuery({
    queryKey: ['journal', 'corrections', schoolId, all, page],
    queryFn: () => get<CorrectionPage>(`/api/journal/schools/${schoolId}/corrections?page=${page}&pageSize=50${all ? '&all=true' : ''}`),
    enabled: schoolId != null,
    placeholderData: keepPreviousData,
  });

export const useLocks = (schoolId: number | null) =>
  useQuery({ queryKey: ['journal', 'locks', schoolId], queryFn: () => get<LockView[]>(`/api/journal/schools/${schoolId}/locks`), enabled: schoolId != null });

export const useClassOverview = (classId: number, week?: string) =>
  useQuery({ queryKey: ['journal', 'class', classId, week], queryFn: () => get<ClassOverviewView>(`/api/journal/classes/${classId}${week ? `?week=${week}` : ''}`) });

export const writeChanges = (changes: JournalChange[]) => post<WriteResult>('/api/journal/changes', { changes });
export const patchLesson = (id: number, body: Record<string, unknown>) => api<LessonView>('PATCH', `/api/journal/lessons/${id}`, body);

export function isOffline(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

// --- edits kept in the browser while the server does not answer ---------------

/** One cell's edit waiting to be sent: the changes to send and the text to show meanwhile. */
export interface PendingEdit {
  key: string;
  courseId: number;
  lessonId: number;
  studentId: number;
  text: string;
  changes: JournalChange[];
}

const STORE = 'otmetka.journal.pending';

export function loadPending(): PendingEdit[] {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '[]') as PendingEdit[];
  } catch {
    return [];
  }
}

export function savePending(list: PendingEdit[]): void {
  try {
    localStorage.setItem(STORE, JSON.stringify(list));
  } catch {
    /* storage full or private mode: the edits stay in memory for this page */
  }
}
