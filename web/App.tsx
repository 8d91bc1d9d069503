import { Route, Routes } from 'react-router';
import { AccountShell } from './features/accounts/AccountShell';
import { HomePage } from './features/accounts/HomePage';
import { RequireAuth } from './features/accounts/session';
import { SignInPage } from './features/accounts/SignInPage';
import { MonitoringHome } from './features/monitoring/MonitoringHome';
import { MunicipalityPage } from './features/monitoring/MunicipalityPage';
import { PlanPage } from './features/monitoring/PlanPage';
import { RegionPage } from './features/monitoring/RegionPage';
import { MonitoringSchoolPage } from './features/monitoring/SchoolPage';
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
        <Route path="monitoring" element={<RequireAuth><MonitoringHome /></RequireAuth>} />
        <Route path="monitoring/regions/:id" element={<RequireAuth><RegionPage /></RequireAuth>} />
        <Route path="monitoring/regions/:id/plan" element={<RequireAuth><PlanPage /></RequireAuth>} />
        <Route path="monitoring/municipalities/:id" element={<RequireAuth><MunicipalityPage /></RequireAuth>} />
        <Route path="monitoring/schools/:id" element={<RequireAuth><MonitoringSchoolPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
