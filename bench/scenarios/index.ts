import type { Scenario } from '../lib/env.js';
import { diaryWeek } from './diary.js';
import { journalScenario, markWrites } from './journal.js';
import { monitoringScenario } from './monitoring.js';
import { directoryRead } from './platform.js';
import { importScenario } from './imports.js';
import { reportsScenario } from './reports.js';

/** Every scenario of `npm run bench`, in order. Modules add theirs here. */
export const scenarios: Scenario[] = [directoryRead, journalScenario, markWrites, diaryWeek, monitoringScenario, reportsScenario, importScenario];
