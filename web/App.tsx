import { Route, Routes } from 'react-router';
import { AccountShell } from './features/accounts/AccountShell';
import { HomePage } from './features/accounts/HomePage';
import { RequireAuth } from './features/accounts/session';
import { SignInPage } from './features/accounts/SignInPage';
import { ClassPage } from './features/journal/ClassPage';
import { ControlPage } from './features/journal/ControlPage';
import { JournalIndexPage } from './features/journal/JournalIndexPage';
import { JournalPage } from './features/journal/JournalPage';
import { SchoolPage } from './features/structure/SchoolPage';
import { StartPage } from './features/structure/StartPage';
import { NotFoundPage } from './ui/NotFoundPage';

/** Every page of the client, by path. Features add their routes here. */
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
