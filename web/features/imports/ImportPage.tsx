import { Select, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../accounts/session';
import { QueryState } from '../../ui/QueryState';
import { useMySchools } from './api';
import { ExportsCard } from './ExportsCard';
import { ImportWizard } from './ImportWizard';
import { LettersCard } from './LettersCard';

/** The school admin's import wizard, exports and activation letters; a director sees the exports only. */
export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const schools = useMySchools(me?.personId);
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const [, setTick] = useState(0);
  const roles = new Set(me?.grants.map((g) => g.role) ?? []);
  const canImport = roles.has('school_admin') || roles.has('admin');
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('imports.title')}
      </Title>
      <QueryState query={schools}>
        {(list) => {
          if (list.length === 0) return <Text>{t('imports.noSchool')}</Text>;
          const chosen = list.find((s) => s.id === Number(params.get('school'))) ?? list[0]!;
          return (
            <Stack gap="lg">
              {list.length > 1 ? (
                <Select
                  label={t('imports.school')}
                  data={list.map((s) => ({ value: String(s.id), label: s.name }))}
                  value={String(chosen.id)}
                  onChange={(v) => v && setParams({ school: v })}
                  allowDeselect={false}
                  searchable
                />
              ) : (
                <Text c="dimmed">{chosen.name}</Text>
              )}
              {canImport && (
                <ImportWizard
                  key={chosen.id}
                  schoolId={chosen.id}
                  onImported={() => {
                    void queryClient.invalidateQueries({ queryKey: ['letter-classes', chosen.id] });
                    setTick((n) => n + 1);
                  }}
                />
              )}
              <ExportsCard schoolId={chosen.id} />
              {canImport && <LettersCard schoolId={chosen.id} />}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
