import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api/client';
import { when } from '../control/format';
import { useArchiveActions, useArchives } from './api';

/** The year-end archive: build a class's or the whole school's, follow the job, download finished files. */
export function ArchivePanel({ schoolId, classId, leader }: { schoolId: number; classId: number | null; leader: boolean }) {
  const { t, i18n } = useTranslation();
  const { jobs, files } = useArchives(schoolId, leader);
  const actions = useArchiveActions(schoolId);
  const error = actions.classArchive.error ?? actions.schoolArchive.error;
  return (
    <Stack>
      <Text>{t('reports.archiveIntro')}</Text>
      <Group>
        <Button onClick={() => classId && actions.classArchive.mutate(classId)} disabled={!classId} loading={actions.classArchive.isPending}>
          {t('reports.classArchive')}
        </Button>
        {leader && (
          <Button variant="light" onClick={() => actions.schoolArchive.mutate()} loading={actions.schoolArchive.isPending}>
            {t('reports.schoolArchive')}
          </Button>
        )}
      </Group>
      {error && <Alert color="red">{t(`errors.${errorCode(error)}`)}</Alert>}
      {leader && (jobs.data?.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('reports.jobs')}
          </Title>
          <Stack gap="xs">
            {jobs.data!.slice(0, 5).map((j) => (
              <div key={j.id} data-testid="archive-job">
                <Group justify="space-between">
                  <Text size="sm">{when(j.createdAt, i18n.language)}</Text>
                  <Badge variant="filled" color={j.status === 'failed' ? 'red.9' : j.status === 'done' ? 'teal.9' : 'blue.9'}>
                    {t(`reports.status.${j.status}`)}
                  </Badge>
                </Group>
                <Progress value={j.total ? (j.done / j.total) * 100 : 0} aria-label={t('reports.progress', { done: j.done, total: j.total })} />
                <Text size="sm" c="dimmed">
                  {t('reports.progress', { done: j.done, total: j.total })}
                </Text>
              </div>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('reports.files')}
        </Title>
        {(files.data?.length ?? 0) === 0 ? (
          <Text c="dimmed">{t('reports.noFiles')}</Text>
        ) : (
          <Stack gap="xs" data-testid="archive-files">
            {files.data!.map((f) => (
              <div key={f.id}>
                <Anchor href={`/api/reports/archives/${f.id}/file`} download>
                  {f.title}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {when(f.createdAt, i18n.language)} · {t('reports.size', { kb: Math.ceil(f.size / 1024) })} · {t('reports.sha')} {f.sha256}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
