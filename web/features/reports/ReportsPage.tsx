import { Alert, Button, Group, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportOptionsView } from '../../../shared/contracts/reports';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { schoolOf } from '../control/api';
import { ArchivePanel } from './ArchivePanel';
import { useOptions, useScreenReport } from './api';
import { ScreenTable } from './ScreenTable';

type Kind = 'results' | 'subject' | 'attendance' | 'teacher' | 'cards' | 'archive';

/** Reports of a school: on screen, and as XLSX and PDF from the same figures. */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const schoolId = schoolOf(me, ['deputy', 'director', 'admin', 'class_teacher', 'teacher']);
  const options = useOptions(schoolId);
  if (schoolId == null) return <Alert>{t('reports.noSchool')}</Alert>;
  const leader = hasRole(me, 'deputy', 'director', 'admin');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <QueryState query={options}>{(o) => <Reports options={o} leader={leader} personId={me!.personId} />}</QueryState>
    </Stack>
  );
}

function Reports({ options, leader, personId }: { options: ReportOptionsView; leader: boolean; personId: number }) {
  const { t } = useTranslation();
  const kinds: Kind[] = leader ? ['results', 'subject', 'attendance', 'teacher', 'cards', 'archive'] : options.classes.length > 0 ? ['results', 'attendance', 'cards', 'teacher', 'archive'] : ['teacher'];
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [classId, setClassId] = useState<string | null>(options.classes[0] ? String(options.classes[0].id) : null);
  const today = new Date().toISOString().slice(0, 10);
  const currentTerm = options.terms.find((x) => x.startsOn <= today && x.endsOn >= today) ?? options.terms[0];
  const [period, setPeriod] = useState<string | null>(currentTerm ? String(currentTerm.id) : 'year');
  const [subjectId, setSubjectId] = useState<string | null>(options.subjects[0] ? String(options.subjects[0].id) : null);
  const [teacherId, setTeacherId] = useState<string | null>(String(options.teachers.find((x) => x.id === personId)?.id ?? options.teachers[0]?.id ?? ''));
  const [from, setFrom] = useState(currentTerm?.startsOn ?? options.year?.startsOn ?? today);
  const [to, setTo] = useState(today);
  const periodQuery = period === 'year' ? 'year=true' : `termId=${period}`;
  const school = options.school.id;
  const url = (() => {
    if (kind === 'results' && classId) return `/api/reports/classes/${classId}/results?${periodQuery}`;
    if (kind === 'subject' && subjectId) return `/api/reports/subjects/${subjectId}/results?${periodQuery}`;
    if (kind === 'attendance' && from && to) return `/api/reports/schools/${school}/attendance?from=${from}&to=${to}${classId ? `&classId=${classId}` : ''}`;
    if (kind === 'teacher' && teacherId) return `/api/reports/schools/${school}/teachers/${teacherId}${period !== 'year' ? `?termId=${period}` : ''}`;
    if (kind === 'cards' && classId) return `/api/reports/classes/${classId}/report-cards`;
    return null;
  })();
  const report = useScreenReport(kind === 'archive' ? null : url);
  const file = (format: 'xlsx' | 'pdf') => `${url}${url!.includes('?') ? '&' : '?'}format=${format}`;
  const classSelect = (withAll: boolean) => (
    <Select
      label={t('reports.class')}
      data={[...(withAll && leader ? [{ value: '', label: t('reports.wholeSchool') }] : []), ...options.classes.map((c) => ({ value: String(c.id), label: c.name }))]}
      value={classId ?? ''}
      onChange={(v) => setClassId(v || null)}
      allowDeselect={false}
      w={180}
    />
  );
  const periodSelect = (
    <Select
      label={t('reports.period')}
      data={[...options.terms.map((x) => ({ value: String(x.id), label: x.name })), ...(kind === 'teacher' ? [] : [{ value: 'year', label: t('reports.year') }])]}
      value={period}
      onChange={setPeriod}
      allowDeselect={false}
      w={220}
    />
  );
  return (
    <Stack>
      <Tabs value={kind} onChange={(v) => v && setKind(v as Kind)} keepMounted={false}>
        <Tabs.List>
          {kinds.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`reports.kinds.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group align="end" wrap="wrap">
        {(kind === 'results' || kind === 'cards' || kind === 'archive') && classSelect(false)}
        {kind === 'attendance' && classSelect(true)}
        {(kind === 'results' || kind === 'subject' || kind === 'teacher') && periodSelect}
        {kind === 'subject' && (
          <Select label={t('reports.subject')} data={options.subjects.map((s) => ({ value: String(s.id), label: s.name }))} value={subjectId} onChange={setSubjectId} allowDeselect={false} w={220} />
        )}
        {kind === 'teacher' && (
          <Select label={t('reports.teacher')} data={options.teachers.map((x) => ({ value: String(x.id), label: x.name }))} value={teacherId} onChange={setTeacherId} allowDeselect={false} searchable w={280} />
        )}
        {kind === 'attendance' && (
          <>
            <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
            <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
          </>
        )}
        {kind !== 'archive' && url && (
          <Group gap="xs">
            {kind !== 'cards' && (
              <Button component="a" href={file('xlsx')} variant="light" download data-testid="download-xlsx">
                {t('reports.download')} {t('reports.xlsx')}
              </Button>
            )}
            <Button component="a" href={file('pdf')} variant="light" download data-testid="download-pdf">
              {t('reports.download')} {t('reports.pdf')}
            </Button>
          </Group>
        )}
      </Group>
      {kind === 'archive' ? (
        <ArchivePanel schoolId={school} classId={classId ? Number(classId) : null} leader={leader} />
      ) : url ? (
        <QueryState query={report}>{(r) => <ScreenTable report={r} />}</QueryState>
      ) : (
        <Text c="dimmed">{t('reports.choose')}</Text>
      )}
    </Stack>
  );
}
