import { Button, Group, NumberInput, Select, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/QueryState';
import { ScrollTable } from '../../ui/ScrollTable';
import { useClassDetail, useClasses, useCourses, useSetupMutation, type Overview } from './api';
import { ErrorText } from '../../ui/ErrorText';

/** Courses (class or group × subject × teacher, hours a week): the list and a form to add one. */
export function CoursesTab({ yearId, overview }: { yearId: number; overview: Overview }) {
  const { t } = useTranslation();
  const courses = useCourses(yearId);
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
      <QueryState query={courses}>
        {(rows) => (
          <ScrollTable label={t('schoolSetup.tabs.courses')} minWidth={560} headers={[t('schoolSetup.className'), t('schoolSetup.subject'), t('schoolSetup.group'), t('schoolSetup.teachers'), t('schoolSetup.hours')]}>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.className}</Table.Td>
                <Table.Td>{c.subject}</Table.Td>
                <Table.Td>{c.groupName ?? t('schoolSetup.wholeClass')}</Table.Td>
                <Table.Td>{c.teachers.map((x) => x.name).join(', ')}</Table.Td>
                <Table.Td>{c.hoursPerWeek}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryState>
    </Stack>
  );
}
