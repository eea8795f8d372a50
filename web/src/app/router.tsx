import { Navigate, type RouteObject, createBrowserRouter } from 'react-router';
import { AdminSsoPage } from '../pages/AdminSsoPage.tsx';
import { AdminAuditPage } from '../pages/AdminAuditPage.tsx';
import { AdminSecurityPage } from '../pages/AdminSecurityPage.tsx';
import { AdminPage } from '../pages/AdminPage.tsx';
import { AdminUnitsPage } from '../pages/AdminUnitsPage.tsx';
import { AdminUserPage } from '../pages/AdminUserPage.tsx';
import { AdminUsersPage } from '../pages/AdminUsersPage.tsx';
import { ComingAreaPage } from '../pages/ComingAreaPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { ListeningItemPage } from '../pages/ListeningItemPage.tsx';
import { ListeningPage } from '../pages/ListeningPage.tsx';
import { ListeningImportPage } from '../pages/ListeningImportPage.tsx';
import { ListeningLivePage } from '../pages/ListeningLivePage.tsx';
import { ListeningSourcesPage } from '../pages/ListeningSourcesPage.tsx';
import { ListeningTopicsPage } from '../pages/ListeningTopicsPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { StatementCalendarPage } from '../pages/StatementCalendarPage.tsx';
import { StatementChannelsPage } from '../pages/StatementChannelsPage.tsx';
import { StatementNewPage } from '../pages/StatementNewPage.tsx';
import { StatementPage } from '../pages/StatementPage.tsx';
import { StatementSettingsPage } from '../pages/StatementSettingsPage.tsx';
import { StatementsPage } from '../pages/StatementsPage.tsx';
import { RouteErrorPage } from '../pages/RouteErrorPage.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { AppLayout } from './AppLayout.tsx';
import { comingAreas } from './navigation.ts';
import { RequireAuth } from './RequireAuth.tsx';

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'statements', element: <StatementsPage /> },
          { path: 'statements/new', element: <StatementNewPage /> },
          { path: 'statements/calendar', element: <StatementCalendarPage /> },
          { path: 'statements/channels', element: <StatementChannelsPage /> },
          { path: 'statements/settings', element: <StatementSettingsPage /> },
          { path: 'statements/:statementId', element: <StatementPage /> },
          { path: 'listening', element: <ListeningPage /> },
          { path: 'listening/sources', element: <ListeningSourcesPage /> },
          { path: 'listening/import', element: <ListeningImportPage /> },
          { path: 'listening/topics', element: <ListeningTopicsPage /> },
          { path: 'listening/live', element: <ListeningLivePage /> },
          { path: 'listening/items/:itemId', element: <ListeningItemPage /> },
          { path: 'insights', lazy: async () => ({ Component: (await import('../pages/InsightsPage.tsx')).InsightsPage }) },
          { path: 'insights/alerts', lazy: async () => ({ Component: (await import('../pages/InsightsAlertsPage.tsx')).InsightsAlertsPage }) },
          { path: 'insights/image', lazy: async () => ({ Component: (await import('../pages/InsightsImagePage.tsx')).InsightsImagePage }) },
          { path: 'insights/rules', lazy: async () => ({ Component: (await import('../pages/InsightsRulesPage.tsx')).InsightsRulesPage }) },
          { path: 'insights/brief', lazy: async () => ({ Component: (await import('../pages/InsightsBriefPage.tsx')).InsightsBriefPage }) },
          { path: 'insights/cooperation', lazy: async () => ({ Component: (await import('../pages/InsightsCooperationPage.tsx')).InsightsCooperationPage }) },
          { path: 'insights/countries/:code', lazy: async () => ({ Component: (await import('../pages/InsightsCountryPage.tsx')).InsightsCountryPage }) },
          { path: 'insights/monitors', lazy: async () => ({ Component: (await import('../pages/InsightsMonitorsPage.tsx')).InsightsMonitorsPage }) },
          { path: 'insights/monitors/:id', lazy: async () => ({ Component: (await import('../pages/InsightsMonitorPage.tsx')).InsightsMonitorPage }) },
          { path: 'integrity', lazy: async () => ({ Component: (await import('../pages/IntegrityFindingsPage.tsx')).IntegrityFindingsPage }) },
          { path: 'integrity/findings/:findingId', lazy: async () => ({ Component: (await import('../pages/IntegrityFindingPage.tsx')).IntegrityFindingPage }) },
          { path: 'integrity/claims', lazy: async () => ({ Component: (await import('../pages/IntegrityClaimsPage.tsx')).IntegrityClaimsPage }) },
          { path: 'integrity/claims/:claimId', lazy: async () => ({ Component: (await import('../pages/IntegrityClaimPage.tsx')).IntegrityClaimPage }) },
          { path: 'integrity/accounts', lazy: async () => ({ Component: (await import('../pages/IntegrityAccountsPage.tsx')).IntegrityAccountsPage }) },
          { path: 'integrity/sharing', lazy: async () => ({ Component: (await import('../pages/IntegritySharingPage.tsx')).IntegritySharingPage }) },
          { path: 'integrity/settings', lazy: async () => ({ Component: (await import('../pages/IntegritySettingsPage.tsx')).IntegritySettingsPage }) },
          ...comingAreas.map((area) => ({ path: area, element: <ComingAreaPage area={area} /> })),
          {
            path: 'admin',
            element: <AdminPage />,
            children: [
              { index: true, element: <ForbiddenNotice /> },
              { path: 'units', element: <AdminUnitsPage /> },
              { path: 'users', element: <AdminUsersPage /> },
              { path: 'users/:userId', element: <AdminUserPage /> },
              { path: 'audit', element: <AdminAuditPage /> },
              { path: 'sso', element: <AdminSsoPage /> },
              { path: 'security', element: <AdminSecurityPage /> },
              { path: 'delivery', lazy: async () => ({ Component: (await import('../pages/AdminDeliveryPage.tsx')).AdminDeliveryPage }) },
              { path: 'insights', lazy: async () => ({ Component: (await import('../pages/AdminInsightsPage.tsx')).AdminInsightsPage }) },
              { path: '*', element: <Navigate to="/admin" replace /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
