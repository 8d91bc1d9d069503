import type { Scenario } from '../lib/env.js';
import { diaryWeek } from './diary.js';
import { directoryRead } from './platform.js';
import { reportsScenario } from './reports.js';

/** Every scenario of `npm run bench`, in order. Modules add theirs here. */
export const scenarios: Scenario[] = [directoryRead, diaryWeek, reportsScenario];
