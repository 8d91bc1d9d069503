import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AccountShell } from './features/accounts/AccountShell';
import { RequireAuth } from './features/accounts/session';
import { StartPage } from './features/structure/StartPage';
import { NotFoundPage } from './ui/NotFoundPage';

/**
 * Every page of the client, by path. The start page is in the first bundle;
 * every other page is its own chunk (`page()`), so the first route stays small.
 */
function page<K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const SchoolPage = page(() => import('./features/structure/SchoolPage'), 'SchoolPage');
const SignInPage = page(() => import('./features/accounts/SignInPage'), 'SignInPage');
const HomePage = page(() => import('./features/accounts/HomePage'), 'HomePage');
const ActivatePage = page(() => import('./features/people/ActivatePage'), 'ActivatePage');
const ProfilePage = page(() => import('./features/people/ProfilePage'), 'ProfilePage');
const ChildPage = page(() => import('./features/people/ChildPage'), 'ChildPage');
const PeopleListPage = page(() => import('./features/people/PeopleListPage'), 'PeopleListPage');
const PersonPage = page(() => import('./features/people/PersonPage'), 'PersonPage');
const SetupPage = page(() => import('./features/school-setup/SetupPage'), 'SetupPage');
const WeekPage = page(() => import('./features/school-setup/WeekPage'), 'WeekPage');
const ImportPage = page(() => import('./features/imports/ImportPage'), 'ImportPage');
const JournalIndexPage = page(() => import('./features/journal/JournalIndexPage'), 'JournalIndexPage');
const JournalPage = page(() => import('./features/journal/JournalPage'), 'JournalPage');
const ClassPage = page(() => import('./features/journal/ClassPage'), 'ClassPage');
const JournalControlPage = page(() => import('./features/journal/ControlPage'), 'ControlPage');
const ControlPage = page(() => import('./features/control/ControlPage'), 'ControlPage');
const ReportsPage = page(() => import('./features/reports/ReportsPage'), 'ReportsPage');
const BackupPage = page(() => import('./features/backup/BackupPage'), 'BackupPage');
const MonitoringHome = page(() => import('./features/monitoring/MonitoringHome'), 'MonitoringHome');
const RegionPage = page(() => import('./features/monitoring/RegionPage'), 'RegionPage');
const PlanPage = page(() => import('./features/monitoring/PlanPage'), 'PlanPage');
const MunicipalityPage = page(() => import('./features/monitoring/MunicipalityPage'), 'MunicipalityPage');
const MonitoringSchoolPage = page(() => import('./features/monitoring/SchoolPage'), 'MonitoringSchoolPage');
const DiaryWeekPage = page(() => import('./features/diary/DiaryWeekPage'), 'DiaryWeekPage');
const DiaryMarksPage = page(() => import('./features/diary/DiaryMarksPage'), 'DiaryMarksPage');
const DiaryFeedPage = page(() => import('./features/diary/DiaryFeedPage'), 'DiaryFeedPage');
const NotificationSettingsPage = page(() => import('./features/diary/NotificationSettingsPage'), 'NotificationSettingsPage');
const ClassConfirmationsPage = page(() => import('./features/diary/ClassConfirmationsPage'), 'ClassConfirmationsPage');
const authed = (element: React.ReactNode) => <RequireAuth>{element}</RequireAuth>;

export function App() {
  return (
    <Routes>
      <Route element={<AccountShell />}>
        <Route index element={<StartPage />} />
        <Route path="schools/:id" element={<SchoolPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route
          path="home"
          element={
            <RequireAuth>
              <HomePage />
            </RequireAuth>
          }
        />
        <Route path="activate" element={<ActivatePage />} />
        <Route path="profile" element={authed(<ProfilePage />)} />
        <Route path="children/:id" element={authed(<ChildPage />)} />
        <Route path="people" element={authed(<PeopleListPage />)} />
        <Route path="people/:id" element={authed(<PersonPage />)} />
        <Route path="setup" element={authed(<SetupPage />)} />
        <Route path="setup/:schoolId" element={authed(<SetupPage />)} />
        <Route path="timetable" element={authed(<WeekPage />)} />
        <Route path="imports" element={authed(<ImportPage />)} />
        <Route path="journal" element={authed(<JournalIndexPage />)} />
        <Route path="journal/courses/:id" element={authed(<JournalPage />)} />
        <Route path="journal/class" element={authed(<ClassPage />)} />
        <Route path="journal/control" element={authed(<JournalControlPage />)} />
        <Route path="admin/backups" element={authed(<BackupPage />)} />
        <Route path="monitoring" element={authed(<MonitoringHome />)} />
        <Route path="monitoring/regions/:id" element={authed(<RegionPage />)} />
        <Route path="monitoring/regions/:id/plan" element={authed(<PlanPage />)} />
        <Route path="monitoring/municipalities/:id" element={authed(<MunicipalityPage />)} />
        <Route path="monitoring/schools/:id" element={authed(<MonitoringSchoolPage />)} />
        <Route path="diary" element={authed(<DiaryWeekPage />)} />
        <Route path="diary/marks" element={authed(<DiaryMarksPage />)} />
        <Route path="diary/feed" element={authed(<DiaryFeedPage />)} />
        <Route path="diary/settings" element={authed(<NotificationSettingsPage />)} />
        <Route path="diary/class" element={authed(<ClassConfirmationsPage />)} />
        <Route path="control" element={authed(<ControlPage />)} />
        <Route path="reports" element={authed(<ReportsPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
