import { Route, Routes } from 'react-router';
import { BackupPage } from './features/backup/BackupPage';
import { SchoolPage } from './features/structure/SchoolPage';
import { StartPage } from './features/structure/StartPage';
import { AppLayout } from './ui/AppLayout';
import { NotFoundPage } from './ui/NotFoundPage';

/** Every page of the client, by path. Features add their routes here. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<StartPage />} />
        <Route path="schools/:id" element={<SchoolPage />} />
        <Route path="admin/backups" element={<BackupPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
