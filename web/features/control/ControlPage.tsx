import { Alert, Anchor, Badge, Button, Card, Group, Modal, ScrollArea, Select, Stack, Table, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { controlSortKeys, type ControlSortKey, type ControlView, type CourseControlRow } from '../../../shared/contracts/reports';
import { Pager, usePageParam } from '../../ui/Pager';
import { errorCode } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { schoolOf, useControl, useSchoolRemarks, useWriteRemark } from './api';
import { num, pct, when } from './format';

type SortKey = ControlSortKey;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const COLUMNS: readonly SortKey[] = controlSortKeys;

/** The deputy's control page: how each teacher keeps each course's journal; sortable; remarks. */
export function ControlPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const schoolId = schoolOf(me, ['deputy', 'director', 'admin']);
  const [termId, setTermId] = useState<number | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'teacher', desc: false });
  const [remarkFor, setRemarkFor] = useState<CourseControlRow | null>(null);
  const [page, setPage] = usePageParam();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // The server sorts, searches and cuts the page; a new order, term or search starts at page 1.
  const query = useControl(schoolId, { termId, page, sort: sort.key, desc: sort.desc, q });
  if (schoolId == null) return <Alert>{t('control.noSchool')}</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('control.title')}
      </Title>
      <QueryState query={query}>
        {(view) => (
          <ControlTable
            view={view}
            sort={sort}
            onSort={(key) => {
              setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'teacher' && key !== 'course' }));
              setPage(1);
            }}
            onPage={setPage}
            onRemark={setRemarkFor}
            header={
              <Stack gap="xs">
                <Text c="dimmed">{t('control.intro', { days: view.lateAfterSchoolDays })}</Text>
                <Group align="end">
                  <Select
                    label={t('control.term')}
                    data={view.terms.map((x) => ({ value: String(x.id), label: x.name }))}
                    value={view.term ? String(view.term.id) : null}
                    onChange={(v) => {
                      setTermId(v ? Number(v) : null);
                      setPage(1);
                    }}
                    allowDeselect={false}
                    w={200}
                  />
                  <TextInput
                    label={t('control.search')}
                    placeholder={t('control.searchPlaceholder')}
                    value={search}
                    onChange={(e) => {
                      setSearch(e.currentTarget.value);
                      setPage(1);
                    }}
                    style={{ flex: 1, minWidth: 200, maxWidth: 420 }}
                    data-testid="control-search"
                  />
                  <Anchor component={Link} to="/journal/control">
                    {t('control.locksLink')}
                  </Anchor>
                </Group>
              </Stack>
            }
            lang={i18n.language}
          />
        )}
      </QueryState>
      <RemarkModal row={remarkFor} onClose={() => setRemarkFor(null)} />
      <SchoolRemarks schoolId={schoolId} />
    </Stack>
  );
}

function ControlTable(props: {
  view: ControlView;
  sort: { key: SortKey; desc: boolean };
  onSort: (key: SortKey) => void;
  onPage: (page: number) => void;
  onRemark: (row: CourseControlRow) => void;
  header: React.ReactNode;
  lang: string;
}) {
  const { t } = useTranslation();
  const { view, sort, lang } = props;
  const rows = view.rows;
  return (
    <Stack>
      {props.header}
      {view.total === 0 ? (
        <Text>{t('control.empty')}</Text>
      ) : (
        <Stack gap="xs">
          <ScrollArea type="auto" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('control.title') }}>
            <Table striped highlightOnHover miw={1000} data-testid="control-table">
              <Table.Thead>
                <Table.Tr>
                  {COLUMNS.map((key) => {
                    const label = t(`control.columns.${key}`);
                    return (
                      <Table.Th key={key} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                        <UnstyledButton onClick={() => props.onSort(key)} title={t('control.sortBy', { column: label })} fw={600} fz="sm">
                          {label}
                          <span aria-hidden="true">{sort.key === key ? (sort.desc ? ' ↓' : ' ↑') : ''}</span>
                        </UnstyledButton>
                      </Table.Th>
                    );
                  })}
                  <Table.Th>{t('control.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const course = `${r.className}${r.group ? ` (${r.group})` : ''} ${r.subject}`;
                  return (
                    <Table.Tr key={`${r.teacherId}:${r.courseId}`} data-testid="control-row">
                      <Table.Td>{r.teacher}</Table.Td>
                      <Table.Td>{course}</Table.Td>
                      <Table.Td>{r.pastLessons}</Table.Td>
                      <Table.Td style={NOWRAP}>{pct(r.topicShare, lang)}</Table.Td>
                      <Table.Td style={NOWRAP}>{pct(r.homeworkShare, lang)}</Table.Td>
                      <Table.Td style={NOWRAP}>{pct(r.attendanceShare, lang)}</Table.Td>
                      <Table.Td>{num(r.marksPerPupil, lang)}</Table.Td>
                      <Table.Td data-testid="late-entries">{r.lateEntries > 0 ? <Badge color="red.9">{r.lateEntries}</Badge> : r.lateEntries}</Table.Td>
                      <Table.Td>{when(r.lastEntryAt, lang)}</Table.Td>
                      <Table.Td>{r.openRemarks}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button component={Link} to={`/journal/courses/${r.courseId}`} size="xs" variant="light" aria-label={`${t('control.openJournal')}: ${course}`}>
                            {t('control.openJournal')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => props.onRemark(r)} aria-label={`${t('control.writeRemark')}: ${r.teacher}, ${course}`}>
                            {t('control.writeRemark')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Pager total={view.total} page={view.page} pageSize={view.pageSize} shown={rows.length} onChange={props.onPage} label={t('control.title')} testId="control-pager" />
        </Stack>
      )}
    </Stack>
  );
}

function RemarkModal({ row, onClose }: { row: CourseControlRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const write = useWriteRemark();
  const [sent, setSent] = useState(false);
  const close = () => {
    setText('');
    setSent(false);
    write.reset();
    onClose();
  };
  const course = row ? `${row.className} ${row.subject}` : '';
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={row !== null} onClose={close} title={row ? t('control.writeRemarkTo', { teacher: row.teacher, course }) : ''}>
      {sent ? (
        <Stack>
          <Alert color="green">{t('control.sent')}</Alert>
          <Button onClick={close}>{t('common.back')}</Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!row) return;
            write.mutate({ courseId: row.courseId, teacherId: row.teacherId, text }, { onSuccess: () => setSent(true) });
          }}
        >
          <Stack>
            <Textarea label={t('control.remarkText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} required maxLength={2000} data-autofocus />
            {write.error && <Alert color="red">{t(`errors.${errorCode(write.error)}`)}</Alert>}
            <Group justify="end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={write.isPending} disabled={!text.trim()}>
                {t('control.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function SchoolRemarks({ schoolId }: { schoolId: number }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = usePageParam('remarksPage');
  const query = useSchoolRemarks(schoolId, page);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('control.remarksTitle')}
      </Title>
      <QueryState query={query}>
        {(list) =>
          list.total === 0 ? (
            <Text c="dimmed">{t('control.noRemarks')}</Text>
          ) : (
            <Stack gap="xs" data-testid="school-remarks">
              {list.items.map((r) => (
                <div key={r.id}>
                  <Group gap="xs">
                    <Text fw={600}>{r.teacher}</Text>
                    <Text>{r.course}</Text>
                    <Badge color={r.doneAt ? 'teal.9' : 'red.9'} variant="filled">
                      {r.doneAt ? t('control.done', { date: when(r.doneAt, i18n.language) }) : t('control.open')}
                    </Badge>
                  </Group>
                  <Text>{r.text}</Text>
                  <Text size="sm" c="dimmed">
                    {t('control.from', { author: r.author, date: when(r.createdAt, i18n.language) })}
                  </Text>
                </div>
              ))}
              <Pager total={list.total} page={list.page} pageSize={list.pageSize} shown={list.items.length} onChange={setPage} label={t('control.remarksTitle')} testId="remarks-pager" />
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}
