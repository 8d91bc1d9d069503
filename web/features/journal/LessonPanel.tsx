import { Anchor, Button, Checkbox, Drawer, FileButton, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridView, LessonView } from '../../../shared/contracts/journal';
import { api, ApiError, errorCode } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { patchLesson, useLesson } from './api';

/** The lesson panel: topic, homework and its files, work type, control flag. */
export function LessonPanel({ lessonId, grid, onClose, askReason }: { lessonId: number | null; grid: GridView; onClose: () => void; askReason: () => Promise<string | null> }) {
  const { t } = useTranslation();
  const lesson = useLesson(lessonId);
  return (
    <Drawer closeButtonProps={{ 'aria-label': t('common.close') }} opened={lessonId != null} onClose={onClose} position="right" title={t('journal.lessonPanel')} size="md">
      <QueryState query={lesson}>{(l) => <LessonForm key={`${l.id}:${l.version}`} lesson={l} grid={grid} askReason={askReason} onSaved={onClose} />}</QueryState>
    </Drawer>
  );
}

function LessonForm({ lesson, grid, askReason, onSaved }: { lesson: LessonView; grid: GridView; askReason: () => Promise<string | null>; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [topic, setTopic] = useState(lesson.topic);
  const [homework, setHomework] = useState(lesson.homework);
  const [workType, setWorkType] = useState<string | null>(lesson.workTypeId ? String(lesson.workTypeId) : null);
  const [control, setControl] = useState(lesson.isControl);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [topic, homework]);

  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['journal', 'lesson', lesson.id] }), client.invalidateQueries({ queryKey: ['journal', 'grid', grid.course.id] })]);

  const save = async (reason?: string) => {
    setBusy(true);
    try {
      await patchLesson(lesson.id, { version: lesson.version, topic, homework, workTypeId: workType ? Number(workType) : null, isControl: control, ...(reason ? { reason } : {}) });
      await refresh();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'reason_required') {
        const r = await askReason();
        if (r) return save(r);
      } else setError(errorCode(e));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    try {
      await api('POST', `/api/journal/lessons/${lesson.id}/files`, form);
      await refresh();
    } catch (e) {
      setError(errorCode(e));
    }
  };

  const ro = !grid.canWrite;
  return (
    <Stack>
      <Text fw={500}>
        {lesson.date.split('-').reverse().join('.')}, {t('journal.lessonNumber', { n: lesson.number })}
      </Text>
      <TextInput label={t('journal.topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)} readOnly={ro} data-testid="topic" />
      <Textarea label={t('journal.homework')} value={homework} onChange={(e) => setHomework(e.currentTarget.value)} autosize minRows={2} readOnly={ro} data-testid="homework" />
      <Select label={t('journal.workType')} data={grid.workTypes.map(([id, name, w]) => ({ value: String(id), label: `${name} (×${w})` }))} value={workType} onChange={setWorkType} clearable disabled={ro} />
      <Checkbox label={t('journal.control')} checked={control} onChange={(e) => setControl(e.currentTarget.checked)} disabled={ro} />
      <div>
        <Text size="sm" fw={500}>
          {t('journal.files')}
        </Text>
        {lesson.files.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('journal.noFiles')}
          </Text>
        )}
        {lesson.files.map((f) => (
          <div key={f.id}>
            <Anchor href={`/api/journal/files/${f.id}`} size="sm">
              {f.name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {Math.ceil(f.size / 1024)} KB
            </Text>
          </div>
        ))}
        {!ro && (
          <FileButton onChange={(f) => void upload(f)} accept=".pdf,.png,.jpg,.jpeg,.txt,.doc,.docx,.xlsx,.pptx,.odt">
            {(props) => (
              <Button {...props} variant="light" size="xs" mt="xs">
                {t('journal.attach')}
              </Button>
            )}
          </FileButton>
        )}
      </div>
      {error && (
        <Text c="red.8" role="alert">
          {t(`errors.${error}`)}
        </Text>
      )}
      {!ro && (
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy} data-testid="save-lesson">
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
