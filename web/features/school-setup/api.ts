import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Clash, CoursePage, RegenerationReport } from '../../../shared/contracts/school-setup';
import { api, get } from '../../api/client';

export interface Term { id?: number; kind: 'quarter' | 'trimester' | 'half'; number: number; name?: string; startsOn: string; endsOn: string; gradeFrom: number; gradeTo: number }
export interface Holiday { id?: number; name: string; startsOn: string; endsOn: string; gradeFrom: number; gradeTo: number }
export interface Year { id: number; name: string; startsOn: string; endsOn: string; terms: Term[]; holidays: Holiday[] }
export interface Overview {
  suggestedYear: { name: string; startsOn: string; endsOn: string; terms: Term[]; holidays: Holiday[] };
  years: Year[];
  subjects: Array<{ id: number; name: string; shortName: string; doubleMarks: boolean; passFail: boolean; noMarksGrade1: boolean }>;
  bells: Array<{ shift: number; number: number; startsAt: string; endsAt: string }>;
  staff: Array<{ personId: number; name: string; position: string }>;
}
export interface ClassRow { id: number; grade: number; letter: string; name: string; shift: number; classTeacher: { personId: number; name: string } | null; students: number }
export interface Slot { weekday: number; number: number; courseId: number; room?: string }
export interface ClassTimetable {
  class: { id: number; name: string; shift: number; academicYearId: number };
  slots: Slot[];
  courses: Array<{ id: number; subject: string; groupName: string | null; hoursPerWeek: number; teachers: string[] }>;
  bells: Array<{ number: number; startsAt: string; endsAt: string }>;
  clashes: Clash[];
}
export interface WeekView {
  schoolId: number;
  schools: Array<{ id: number; name: string }>;
  monday: string;
  filter: { classId: number | null; teacherPersonId: number | null };
  classes: Array<{ id: number; name: string; shift: number }>;
  teachers: Array<{ personId: number; name: string }>;
  bells: Array<{ shift: number; number: number; startsAt: string; endsAt: string }>;
  lessons: Array<{ id: number; date: string; number: number; room: string; status: string; className: string; shift: number; subject: string; groupName: string | null; teacher: string | null; homework: string }>;
}
export type { Clash, RegenerationReport };

export const useOverview = (schoolId: number) => useQuery({ queryKey: ['setup', schoolId], queryFn: () => get<Overview>(`/api/schools/${schoolId}/setup`) });
export const useClasses = (yearId: number | undefined) =>
  useQuery({ queryKey: ['classes', yearId], queryFn: () => get<ClassRow[]>(`/api/years/${yearId}/classes`), enabled: !!yearId });
const COURSES_PAGE_SIZE = 50;

/** A page of the year's courses (the server pages, filters and orders them: class, then subject). */
export function useCourses(yearId: number | undefined, filter: { page: number; classId?: number | null; q?: string }) {
  const search = new URLSearchParams({ page: String(filter.page), pageSize: String(COURSES_PAGE_SIZE) });
  if (filter.classId) search.set('classId', String(filter.classId));
  if (filter.q) search.set('q', filter.q);
  return useQuery({
    queryKey: ['courses', yearId, search.toString()],
    queryFn: () => get<CoursePage>(`/api/years/${yearId}/courses?${search}`),
    enabled: !!yearId,
    placeholderData: keepPreviousData,
  });
}
export const useClassDetail = (classId: number | null) =>
  useQuery({ queryKey: ['class', classId], queryFn: () => get<{ groups: Array<{ id: number; name: string }> }>(`/api/classes/${classId}`), enabled: !!classId });
export const useClassTimetable = (classId: number | null) =>
  useQuery({ queryKey: ['class-timetable', classId], queryFn: () => get<ClassTimetable>(`/api/classes/${classId}/timetable`), enabled: !!classId });
export const useWeek = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
  return useQuery({ queryKey: ['week', search.toString()], queryFn: () => get<WeekView>(`/api/week?${search}`) });
};

/** A write that refreshes every set-up query afterwards. */
export function useSetupMutation<T>(method: string, url: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<T>(method, url, body),
    onSuccess: () => void client.invalidateQueries(),
  });
}

/** A change to one row of a set-up list (`PATCH <collection>/<id>`), refreshing every set-up query afterwards. */
export function useSetupPatch(collection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: unknown }) => api('PATCH', `${collection}/${id}`, body),
    onSuccess: () => void client.invalidateQueries(),
  });
}
