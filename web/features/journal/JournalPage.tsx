import { Alert, Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { GridView, JournalChange } from '../../../shared/contracts/journal';
import { QueryState } from '../../ui/QueryState';
import { useGrid } from './api';
import { cellId, changesFor, finalMarkValue, indexCells } from './cells';
import { HistoryModal } from './HistoryModal';
import { JournalGrid, type Pos } from './JournalGrid';
import './journal.css';
import { LessonPanel } from './LessonPanel';
import { useReasonPrompt } from './ReasonModal';
import { useJournalWriter } from './useJournalWriter';

/** The course journal: the page a teacher uses several times a day. */
export function JournalPage() {
  const courseId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const termId = params.get('term') ? Number(params.get('term')) : undefined;
  const grid = useGrid(courseId, termId);
  // Keep showing the last grid while a refetch fails (offline): edits go on.
  const data = grid.data;
  if (data) return <JournalView grid={data} lessonParam={params.get('lesson')} onTerm={(id) => setParams({ term: String(id) })} />;
  return <QueryState query={grid}>{(g: GridView) => <JournalView grid={g} lessonParam={params.get('lesson')} onTerm={(id) => setParams({ term: String(id) })} />}</QueryState>;
}

function JournalView({ grid, lessonParam, onTerm }: { grid: GridView; lessonParam: string | null; onTerm: (id: number) => void }) {
  const { t } = useTranslation();
  const cells = useMemo(() => indexCells(grid), [grid]);
  const writer = useJournalWriter(grid.course.id);
  const reason = useReasonPrompt();
  const focusLesson = lessonParam ? grid.lessons.findIndex((l) => l[0] === Number(lessonParam)) : -1;
  const [pos, setPos] = useState<Pos>({ r: 0, c: focusLesson >= 0 ? focusLesson : Math.max(0, grid.lessons.length - 1) });
  const [panel, setPanel] = useState<number | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const overlay = useMemo(() => new Map(writer.pending.map((e) => [e.key, e.text])), [writer.pending]);
  const problemKeys = useMemo(() => new Set(writer.problems.map((p) => p.key)), [writer.problems]);
  const termMarkVersions = useMemo(() => new Map(grid.termMarks.map((m) => [m[0], m[2]])), [grid.termMarks]);
  const yearMarkVersions = useMemo(() => new Map((grid.year?.marks ?? []).map((m) => [m[0], m[2]])), [grid.year]);
  const termCol = grid.lessons.length;
  const yearCol = grid.year ? termCol + 1 : -1;

  const commit = async (p: Pos, text: string, reasonText?: string): Promise<void> => {
    const student = grid.students[p.r];
    if (!student) return;
    setInvalid(null);
    let changes: JournalChange[];
    let key: string;
    let lessonId = 0;
    const r = reasonText ?? (grid.term.locked ? await reason.ask() : undefined);
    if (grid.term.locked && !r) return;
    const withReason = r ? { reason: r } : {};
    if (p.c === termCol || p.c === yearCol) {
      const result = finalMarkValue(text, grid.scale);
      if ('invalid' in result) return setInvalid(result.invalid);
      const { value } = result;
      if (p.c === termCol) {
        key = `T:${student[0]}`;
        changes = [{ kind: 'termMark', courseId: grid.course.id, termId: grid.term.id, studentId: student[0], version: termMarkVersions.get(p.r) ?? 0, value, ...withReason }];
      } else {
        // The year mark is locked with the year's last term: the term this grid shows.
        key = `Y:${student[0]}`;
        changes = [{ kind: 'yearMark', courseId: grid.course.id, studentId: student[0], version: yearMarkVersions.get(p.r) ?? 0, value, ...withReason }];
      }
    } else {
      lessonId = grid.lessons[p.c]![0];
      key = `${lessonId}:${student[0]}`;
      const result = changesFor(text, cells.get(cellId(p.c, p.r)), { lessonId, studentId: student[0] }, grid.scale, r ?? undefined);
      if ('invalid' in result) return setInvalid(result.invalid);
      changes = result.changes;
    }
    if (changes.length === 0) return;
    const outcome = await writer.submit({ key, courseId: grid.course.id, lessonId, studentId: student[0], text, changes });
    if (outcome === 'reason_required') {
      const again = await reason.ask();
      if (again) await commit(p, text, again);
    }
  };

  const selected = grid.students[pos.r] && (pos.c < grid.lessons.length ? grid.lessons[pos.c] : null);
  const studentParam = `studentId=${grid.students[pos.r]?.[0]}`;
  const historyParams =
    pos.c < termCol
      ? `lessonId=${grid.lessons[pos.c]?.[0]}&${studentParam}`
      : pos.c === yearCol
        ? `courseId=${grid.course.id}&${studentParam}&yearMark=true`
        : `courseId=${grid.course.id}&termId=${grid.term.id}&${studentParam}`;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Title order={1} size="h3">
            {grid.course.className} · {grid.course.subject}
            {grid.course.group ? ` (${grid.course.group})` : ''}
          </Title>
          <Text size="sm" c="dimmed">
            {t('journal.hint')}
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Select label={t('journal.term')} size="xs" data={grid.terms.map(([id, name]) => ({ value: String(id), label: name }))} value={String(grid.term.id)} onChange={(v) => v && onTerm(Number(v))} w={160} allowDeselect={false} />
          {grid.term.locked && (
            <Badge color="orange" variant="light" data-testid="locked">
              {t('journal.locked')}
            </Badge>
          )}
          {!grid.canWrite && <Badge variant="light">{t('journal.readOnly')}</Badge>}
          {writer.pending.length > 0 && (
            <Badge color="yellow" variant="filled" c="dark" data-testid="pending-count">
              {t('journal.pending', { count: writer.pending.length })}
            </Badge>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => setHistory(historyParams)} data-testid="cell-history">
          {t('journal.cellHistory')}
        </Button>
        {selected && (
          <Button size="xs" variant="light" onClick={() => setPanel(pos.c)}>
            {t('journal.lessonPanel')}
          </Button>
        )}
      </Group>
      {invalid && (
        <Alert color="red" role="alert" onClose={() => setInvalid(null)} withCloseButton closeButtonLabel={t('common.close')}>
          {t('journal.invalidInput', { text: invalid })}
        </Alert>
      )}
      {writer.problems.map((p) => (
        <Alert key={p.key} color="red" role="alert" withCloseButton closeButtonLabel={t('common.close')} onClose={() => writer.dismiss(p.key)} data-testid="conflict">
          {t(`errors.${p.code}`)} {p.code === 'version_conflict' ? t('journal.yourValue', { text: p.text || '∅' }) : ''}
        </Alert>
      ))}
      {grid.students.length === 0 ? (
        <Text c="dimmed">{t('journal.noStudents')}</Text>
      ) : (
        <JournalGrid grid={grid} cells={cells} overlay={overlay} problems={problemKeys} pos={pos} setPos={setPos} commit={(p, text) => void commit(p, text)} onLesson={setPanel} />
      )}
      <LessonPanel lessonId={panel != null ? (grid.lessons[panel]?.[0] ?? null) : null} grid={grid} onClose={() => setPanel(null)} askReason={reason.ask} />
      <HistoryModal params={history} title={t('journal.cellHistory')} onClose={() => setHistory(null)} />
      {reason.modal}
    </Stack>
  );
}
