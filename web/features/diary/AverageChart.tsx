import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SubjectMarks } from '../../../shared/contracts/diary';
import { shortDate } from '../../ui/dates';

/** The running weighted average at the end of each week; its own chunk (recharts is large). */
export function AverageChart({ subject }: { subject: SubjectMarks }) {
  const { t } = useTranslation();
  const data = subject.weekly.map((p) => ({ week: shortDate(p.week), average: p.average }));
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Text size="sm" c="dimmed" mt="xs">
          {t('diary.chartTitle')}
        </Text>
      </figcaption>
      <LineChart
      h={160}
      data={data}
      dataKey="week"
      series={[{ name: 'average', label: t('diary.average'), color: 'blue.8' }]}
      yAxisProps={{ domain: [1, 5] }}
      withDots
      curveType="linear"
      />
    </figure>
  );
}
