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
const JournalIndexPage = page(() => import('./features/journal/JournalIndexPage'), 'JournalIndexPage');
const JournalPage = page(() => import('./features/journal/JournalPage'), 'JournalPage');
const ClassPage = page(() => import('./features/journal/ClassPage'), 'ClassPage');
const ControlPage = page(() => import('./features/journal/ControlPage'), 'ControlPage');
const DiaryWeekPage = page(() => import('./features/diary/DiaryWeekPage'), 'DiaryWeekPage');
const DiaryMarksPage = page(() => import('./features/diary/DiaryMarksPage'), 'DiaryMarksPage');
const DiaryFeedPage = page(() => import('./features/diary/DiaryFeedPage'), 'DiaryFeedPage');
const NotificationSettingsPage = page(() => import('./features/diary/NotificationSettingsPage'), 'NotificationSettingsPage');
const ClassConfirmationsPage = page(() => import('./features/diary/ClassConfirmationsPage'), 'ClassConfirmationsPage');

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
        <Route path="journal" element={<RequireAuth><JournalIndexPage /></RequireAuth>} />
        <Route path="journal/courses/:id" element={<RequireAuth><JournalPage /></RequireAuth>} />
        <Route path="journal/class" element={<RequireAuth><ClassPage /></RequireAuth>} />
        <Route path="journal/control" element={<RequireAuth><ControlPage /></RequireAuth>} />
        <Route path="diary" element={<RequireAuth><DiaryWeekPage /></RequireAuth>} />
        <Route path="diary/marks" element={<RequireAuth><DiaryMarksPage /></RequireAuth>} />
        <Route path="diary/feed" element={<RequireAuth><DiaryFeedPage /></RequireAuth>} />
        <Route path="diary/settings" element={<RequireAuth><NotificationSettingsPage /></RequireAuth>} />
        <Route path="diary/class" element={<RequireAuth><ClassConfirmationsPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
