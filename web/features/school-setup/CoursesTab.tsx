import { Button, Divider, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/QueryState';
import { ScrollTable } from '../../ui/ScrollTable';
import { useClassDetail, useClasses, useCourses, useSetupMutation, type Overview } from './api';
import { Pager, usePageParam } from '../../ui/Pager';
import { ErrorText } from '../../ui/ErrorText';

/**
 * Courses (class or group × subject × teacher, hours a week): a form to add one and the list, a page
 * at a time (a school of 1 000 pupils has several hundred), by class or searched by subject or teacher.
 */
export function CoursesTab({ yearId, overview }: { yearId: number; overview: Overview }) {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam('coursesPage');
  const [filterClass, setFilterClass] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const courses = useCourses(yearId, { page, classId: filterClass ? Number(filterClass) : null, q });
  const classes = useClasses(yearId);
  const [classId, setClassId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [hours, setHours] = useState<number | string>(2);
  const detail = useClassDetail(classId ? Number(classId) : null);
  const create = useSetupMutation('POST', `/api/years/${yearId}/courses`);
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select label={t('schoolSetup.className')} data={(classes.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))} value={classId} onChange={setClassId} w={110} searchable />
        <Select label={t('schoolSetup.group')} placeholder={t('schoolSetup.wholeClass')} clearable data={(detail.data?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))} value={groupId} onChange={setGroupId} w={150} />
        <Select label={t('schoolSetup.subject')} data={overview.subjects.map((s) => ({ value: String(s.id), label: s.name }))} value={subjectId} onChange={setSubjectId} searchable w={220} />
        <Select label={t('schoolSetup.teacher')} data={overview.staff.map((s) => ({ value: String(s.personId), label: s.name }))} value={teacherId} onChange={setTeacherId} searchable w={240} />
        <NumberInput label={t('schoolSetup.hours')} min={0.5} max={12} step={0.5} value={hours} onChange={setHours} w={130} />
        <Button
          onClick={() =>
            create.mutate({ classId: Number(classId), ...(groupId ? { groupId: Number(groupId) } : {}), subjectId: Number(subjectId), teacherPersonIds: teacherId ? [Number(teacherId)] : [], hoursPerWeek: Number(hours) })
          }
          disabled={!classId || !subjectId}
          loading={create.isPending}
        >
          {t('schoolSetup.addCourse')}
        </Button>
      </Group>
      <ErrorText error={create.error} />
      <Divider />
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('schoolSetup.coursesFilter')}>
        <Select
          label={t('schoolSetup.listClass')}
          placeholder={t('schoolSetup.allClasses')}
          clearable
          data={(classes.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          value={filterClass}
          onChange={(v) => {
            setFilterClass(v);
            setPage(1);
          }}
          w={150}
          searchable
          data-testid="courses-class-filter"
        />
        <TextInput
          label={t('schoolSetup.courseSearch')}
          placeholder={t('schoolSetup.courseSearchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, minWidth: 200 }}
          data-testid="courses-search"
        />
      </Group>
      <QueryState query={courses}>
        {(list) => (
          <Stack gap="xs">
            <ScrollTable label={t('schoolSetup.tabs.courses')} minWidth={560} headers={[t('schoolSetup.className'), t('schoolSetup.subject'), t('schoolSetup.group'), t('schoolSetup.teachers'), t('schoolSetup.hours')]}>
              {list.items.map((c) => (
                <Table.Tr key={c.id} data-testid="course-row">
                  <Table.Td>{c.className}</Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td>{c.groupName ?? t('schoolSetup.wholeClass')}</Table.Td>
                  <Table.Td>{c.teachers.map((x) => x.name).join(', ')}</Table.Td>
                  <Table.Td>{c.hoursPerWeek}</Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            <Pager total={list.total} page={list.page} pageSize={list.pageSize} shown={list.items.length} onChange={setPage} label={t('schoolSetup.tabs.courses')} testId="courses-pager" />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
