import { Alert, Button, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { SectionCard } from '../../ui/SectionCard';
import { downloadLetters, useLetterClasses } from './api';

/** Letters for a class or the whole school; printing issues fresh codes, which the card says before and after. */
export function LettersCard({ schoolId }: { schoolId: number }) {
  const { t } = useTranslation();
  const classes = useLetterClasses(schoolId);
  const [classId, setClassId] = useState<string>('all');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const print = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const count = await downloadLetters(schoolId, classId === 'all' ? null : Number(classId));
      setMessage({ ok: true, text: t('imports.printed', { count }) });
      void classes.refetch();
    } catch (e) {
      setMessage({ ok: false, text: t(`errors.${errorCode(e)}`) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <SectionCard title={t('imports.letters')} hint={t('imports.lettersHint')}>
      <QueryState query={classes}>
        {(list) =>
          list.classes.length === 0 ? (
            <Text>{t('imports.noYear')}</Text>
          ) : (
            <Stack>
              <Select
                label={t('imports.classLabel')}
                data={[
                  { value: 'all', label: t('imports.wholeSchool') },
                  ...list.classes.map((c) => ({ value: String(c.id), label: t('imports.classOption', { name: c.name, students: c.students, pending: c.pending }) })),
                ]}
                value={classId}
                onChange={(v) => setClassId(v ?? 'all')}
                allowDeselect={false}
                data-testid="letters-class"
              />
              <div>
                <Button onClick={() => void print()} loading={busy} data-testid="letters-print">
                  {t('imports.printLetters')}
                </Button>
              </div>
            </Stack>
          )
        }
      </QueryState>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role="status" data-testid="letters-message">
          {message.text}
        </Alert>
      )}
    </SectionCard>
  );
}
