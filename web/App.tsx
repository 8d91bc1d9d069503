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
const JournalControlPage = page(() => import('./features/journal/ControlPage'), 'ControlPage');
const ControlPage = page(() => import('./features/control/ControlPage'), 'ControlPage');
const ReportsPage = page(() => import('./features/reports/ReportsPage'), 'ReportsPage');

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
        <Route
          path="control"
          element={
            <RequireAuth>
              <ControlPage />
            </RequireAuth>
          }
        />
        <Route
          path="reports"
          element={
            <RequireAuth>
              <ReportsPage />
            </RequireAuth>
          }
        />
        <Route path="journal" element={<RequireAuth><JournalIndexPage /></RequireAuth>} />
        <Route path="journal/courses/:id" element={<RequireAuth><JournalPage /></RequireAuth>} />
        <Route path="journal/class" element={<RequireAuth><ClassPage /></RequireAuth>} />
        <Route path="journal/control" element={<RequireAuth><JournalControlPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
