import { Alert, Select, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { useOverview } from './api';
import { BellsTab } from './BellsTab';
import { CalendarTab } from './CalendarTab';
import { ClassesTab } from './ClassesTab';
import { CoursesTab } from './CoursesTab';
import { SubjectsTab } from './SubjectsTab';
import { TimetableEditor } from './TimetableEditor';

/** The school admin's set-up screens: one tab per part of the school's year. */
export function SetupPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const schools = [...new Set((me?.grants ?? []).filter((g) => (g.role === 'school_admin' || g.role === 'director') && g.schoolId).map((g) => g.schoolId!))];
  const schoolId = Number(useParams().schoolId) || schools[0];
  if (!schoolId) return <Alert>{t('schoolSetup.noSchool')}</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('schoolSetup.title')}
      </Title>
      {schools.length > 1 && (
        <Select label={t('schoolSetup.chooseSchool')} data={schools.map((id) => ({ value: String(id), label: `#${id}` }))} value={String(schoolId)} onChange={(v) => v && navigate(`/setup/${v}`)} maw={320} />
      )}
      <SetupTabs schoolId={schoolId} />
    </Stack>
  );
}

function SetupTabs({ schoolId }: { schoolId: number }) {
  const { t } = useTranslation();
  const overview = useOverview(schoolId);
  return (
    <QueryState query={overview}>
      {(o) => {
        const year = o.years[0];
        return (
          <Tabs defaultValue="calendar" keepMounted={false}>
            <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
              {(['calendar', 'classes', 'subjects', 'courses', 'bells', 'timetable'] as const).map((tab) => (
                <Tabs.Tab key={tab} value={tab} disabled={!year && tab !== 'calendar' && tab !== 'subjects' && tab !== 'bells'}>
                  {t(`schoolSetup.tabs.${tab}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="calendar" pt="md">
              <CalendarTab schoolId={schoolId} overview={o} />
            </Tabs.Panel>
            <Tabs.Panel value="classes" pt="md">
              {year && <ClassesTab yearId={year.id} staff={o.staff} />}
            </Tabs.Panel>
            <Tabs.Panel value="subjects" pt="md">
              <SubjectsTab schoolId={schoolId} subjects={o.subjects} />
            </Tabs.Panel>
            <Tabs.Panel value="courses" pt="md">
              {year && <CoursesTab yearId={year.id} overview={o} />}
            </Tabs.Panel>
            <Tabs.Panel value="bells" pt="md">
              <BellsTab schoolId={schoolId} bells={o.bells} />
            </Tabs.Panel>
            <Tabs.Panel value="timetable" pt="md">
              {year && <TimetableEditor yearId={year.id} />}
            </Tabs.Panel>
          </Tabs>
        );
      }}
    </QueryState>
  );
}
