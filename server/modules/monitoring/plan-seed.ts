/**
 * Appendix 1 of order No. 435 (the rollout plan) as data. Dates are those of
 * the order (signed 13 March 2012); a region's plan shifts them so that the
 * order's day falls on the region's start date, keeping every interval.
 */
import { addDays } from '../../../shared/dates.js';
import type { RolloutMilestoneTable } from '../../db/tables/monitoring.js';

export const ORDER_DATE = '2012-03-13';

type Seed = Pick<RolloutMilestoneTable, 'level' | 'text' | 'responsible' | 'responsible_role' | 'kind'> & {
  startsOn?: string;
  deadline: string;
  target?: number;
};

const activation = (level: Seed['level'], target: number, deadline: string, responsible: string, role: string): Seed => ({
  level,
  text: `Активация ${Math.round(target * 100)} % пользователей`,
  deadline,
  responsible,
  responsible_role: role,
  kind: 'automatic',
  target,
});

export const appendix1: Seed[] = [
  // Региональный уровень
  { level: 'region', text: 'Подписание соглашения о внедрении ЭЖД', deadline: '2012-03-13', responsible: 'Ректор ЗабКИПКРО', responsible_role: 'region_coordinator', kind: 'manual' },
  { level: 'region', text: 'Издание нормативно-правового акта о внедрении ЭЖД и назначение координатора проекта в регионе', deadline: '2012-03-16', responsible: 'Министерство образования', responsible_role: 'region_coordinator', kind: 'manual' },
  { level: 'region', text: 'Назначение ответственных за внедрение ЭЖД в МОУО', startsOn: '2012-03-16', deadline: '2012-03-23', responsible: 'Руководители МОУО', responsible_role: 'municipal_officer', kind: 'manual' },
  { level: 'region', text: 'Совещание и обучающий семинар с ответственными за внедрение ЭЖД в МОУО, регистрация всех МОУО в системе', startsOn: '2012-03-28', deadline: '2012-03-29', responsible: 'Министерство образования, ЦИТОиДО, руководители МОУО', responsible_role: 'region_coordinator', kind: 'manual' },
  { level: 'region', text: 'Сбор еженедельных отчётов со всех МОУО (по средам), отправка отчётов оператору', startsOn: '2012-04-09', deadline: '2012-10-31', responsible: 'ЦИТОиДО, МОУО', responsible_role: 'region_coordinator', kind: 'manual' },
  activation('region', 0.3, '2012-04-30', 'ЦИТОиДО, МОУО', 'region_coordinator'),
  activation('region', 0.6, '2012-05-31', 'ЦИТОиДО, МОУО', 'region_coordinator'),
  activation('region', 1, '2012-10-31', 'ЦИТОиДО, МОУО', 'region_coordinator'),
  { level: 'region', text: 'Утверждение и старт конкурса «Самые активные МОУО»', startsOn: '2012-04-09', deadline: '2012-04-15', responsible: 'Министерство образования, ЦИТОиДО', responsible_role: 'region_coordinator', kind: 'manual' },
  // Муниципальный уровень
  { level: 'municipality', text: 'Назначение ответственных за внедрение ЭЖД в ОУ, регистрация в системе, доступ к статистике, сбор данных ОУ для семинаров', startsOn: '2012-03-16', deadline: '2012-03-27', responsible: 'Руководитель и специалисты МОУО', responsible_role: 'municipal_officer', kind: 'manual' },
  { level: 'municipality', text: 'Еженедельные отчёты (по средам) ответственному лицу ЦИТОиДО', startsOn: '2012-04-09', deadline: '2012-10-31', responsible: 'Ответственный от МОУО', responsible_role: 'municipal_officer', kind: 'manual' },
  { level: 'municipality', text: 'Семинары тьюторов МОУО для сотрудников ОУ', startsOn: '2012-04-01', deadline: '2012-04-04', responsible: 'Ответственный от МОУО', responsible_role: 'municipal_officer', kind: 'manual' },
  activation('municipality', 0.3, '2012-03-31', 'Специалисты МОУО и ОУ, ответственные за внедрение', 'municipal_officer'),
  activation('municipality', 0.6, '2012-04-30', 'Специалисты МОУО и ОУ, ответственные за внедрение', 'municipal_officer'),
  activation('municipality', 1, '2012-05-31', 'Специалисты МОУО и ОУ, ответственные за внедрение', 'municipal_officer'),
  { level: 'municipality', text: 'Старт участия в конкурсе «Самые активные МОУО»', startsOn: '2012-04-09', deadline: '2012-04-15', responsible: 'Ответственный от МОУО', responsible_role: 'municipal_officer', kind: 'manual' },
  { level: 'municipality', text: 'Мониторинг степени регистрации и активности ОУ, заполнение отчётов', startsOn: '2012-04-09', deadline: '2012-10-31', responsible: 'Ответственные по муниципальному району, тьюторы', responsible_role: 'municipal_officer', kind: 'manual' },
  // Уровень общеобразовательного учреждения
  { level: 'school', text: 'Издание локального акта о внедрении ЭЖД и назначение ответственных', deadline: '2012-03-25', responsible: 'Директор ОУ', responsible_role: 'director', kind: 'manual' },
  { level: 'school', text: 'Подписание соглашения о внедрении ЭЖД', deadline: '2012-11-01', responsible: 'Директор ОУ', responsible_role: 'director', kind: 'manual' },
  { level: 'school', text: 'Назначение ответственных за внедрение ЭЖД в ОУ', deadline: '2012-03-25', responsible: 'Директор ОУ', responsible_role: 'director', kind: 'manual' },
  { level: 'school', text: 'Обучение сотрудников ОУ, учеников и родителей', deadline: '2012-05-30', responsible: 'Ответственный от ОУ', responsible_role: 'school_admin', kind: 'manual' },
  activation('school', 0.3, '2012-04-30', 'Ответственный от ОУ', 'school_admin'),
  activation('school', 0.6, '2012-05-31', 'Ответственный от ОУ', 'school_admin'),
  activation('school', 1, '2012-10-31', 'Ответственный от ОУ', 'school_admin'),
  { level: 'school', text: 'Сбор письменных согласий законных представителей на обработку персональных данных детей', deadline: '2012-11-01', responsible: 'Ответственный от ОУ', responsible_role: 'school_admin', kind: 'manual' },
  { level: 'school', text: 'Работа с родителями и учащимися по обучению работе с ЭЖД', startsOn: '2012-03-13', deadline: '2013-03-12', responsible: 'Ответственный от ОУ', responsible_role: 'school_admin', kind: 'manual' },
  { level: 'school', text: 'Размещение информации о системе ЭЖД на сайте ОУ', startsOn: '2012-03-13', deadline: '2013-03-12', responsible: 'Ответственный от ОУ', responsible_role: 'school_admin', kind: 'manual' },
];

function shift(date: string, start: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${ORDER_DATE}T00:00:00Z`)) / 86_400_000);
  return addDays(start, days);
}

/** The appendix's rows for a region whose plan starts on `start` (the day that plays the order's 13 March). */
export function appendix1Rows(regionId: number, start: string, createdAt: string) {
  const positions: Record<string, number> = { region: 0, municipality: 0, school: 0 };
  return appendix1.map((m) => ({
    region_id: regionId,
    level: m.level,
    position: ++positions[m.level]!,
    text: m.text,
    starts_on: m.startsOn ? shift(m.startsOn, start) : null,
    deadline: shift(m.deadline, start),
    responsible: m.responsible,
    responsible_role: m.responsible_role,
    kind: m.kind,
    metric: m.kind === 'automatic' ? 'activation' : null,
    target: m.target ?? null,
    done_on: null,
    done_note: '',
    done_by: null,
    created_at: createdAt,
  }));
}
