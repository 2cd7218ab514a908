/** Providers (i18n → antd locale/theme → feedback → session → router) and the route table. */
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { FeedbackBridge } from './api/feedback.js';
import { ChangePasswordPage } from './auth/ChangePasswordPage.js';
import { LoginPage } from './auth/LoginPage.js';
import { SessionProvider, useSession } from './auth/session.js';
import { NotFound, RequirePermission } from './components/Results.js';
import { AppLayout } from './layout/AppLayout.js';
import { useReducedMotion } from './lib/useMedia.js';
import { theme } from './theme.js';

// Pages are split into their own chunks (ECharts only loads with the command center).
const HomePage = lazy(() => import('./pages/home/HomePage.js').then((m) => ({ default: m.HomePage })));
const AreasPage = lazy(() => import('./pages/areas/AreasPage.js').then((m) => ({ default: m.AreasPage })));
const UsersPage = lazy(() => import('./pages/users/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('./pages/jobs/JobsPage.js').then((m) => ({ default: m.JobsPage })));
const PersonsPage = lazy(() => import('./pages/persons/PersonsPage.js').then((m) => ({ default: m.PersonsPage })));
const PersonPage = lazy(() => import('./pages/persons/PersonPage.js').then((m) => ({ default: m.PersonPage })));
const CourtyardsPage = lazy(() =>
  import('./pages/courtyards/CourtyardsPage.js').then((m) => ({ default: m.CourtyardsPage })),
);
const CourtyardPage = lazy(() =>
  import('./pages/courtyards/CourtyardPage.js').then((m) => ({ default: m.CourtyardPage })),
);
const DwellingPage = lazy(() => import('./pages/dwellings/DwellingPage.js').then((m) => ({ default: m.DwellingPage })));
const HouseholdPage = lazy(() =>
  import('./pages/households/HouseholdPage.js').then((m) => ({ default: m.HouseholdPage })),
);
const RegisterPage = lazy(() => import('./pages/register/RegisterPage.js').then((m) => ({ default: m.RegisterPage })));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage.js').then((m) => ({ default: m.ImportsPage })));
const TransfersPage = lazy(() =>
  import('./pages/transfers/TransfersPage.js').then((m) => ({ default: m.TransfersPage })),
);
const WorkListsPage = lazy(() =>
  import('./pages/health/worklists/WorkListsPage.js').then((m) => ({ default: m.WorkListsPage })),
);
const HealthPersonPage = lazy(() =>
  import('./pages/health/person/HealthPersonPage.js').then((m) => ({ default: m.HealthPersonPage })),
);
const AlertsPage = lazy(() => import('./pages/health/alerts/AlertsPage.js').then((m) => ({ default: m.AlertsPage })));
const CareSitesPage = lazy(() =>
  import('./pages/health/sites/CareSitesPage.js').then((m) => ({ default: m.CareSitesPage })),
);
const DailyReportsPage = lazy(() =>
  import('./pages/health/reports/DailyReportsPage.js').then((m) => ({ default: m.DailyReportsPage })),
);
const HealthDatasetsPage = lazy(() =>
  import('./pages/health/datasets/HealthDatasetsPage.js').then((m) => ({ default: m.HealthDatasetsPage })),
);
const HealthRulesPage = lazy(() =>
  import('./pages/health/rules/HealthRulesPage.js').then((m) => ({ default: m.HealthRulesPage })),
);
const HealthFiguresPage = lazy(() =>
  import('./pages/health/figures/HealthFiguresPage.js').then((m) => ({ default: m.HealthFiguresPage })),
);
const SelfRegPage = lazy(() => import('./pages/selfreg/SelfRegPage.js').then((m) => ({ default: m.SelfRegPage })));
const QueuePage = lazy(() => import('./pages/selfreg/QueuePage.js').then((m) => ({ default: m.QueuePage })));
const SubmissionPage = lazy(() =>
  import('./pages/selfreg/SubmissionPage.js').then((m) => ({ default: m.SubmissionPage })),
);
const PosterPage = lazy(() => import('./pages/selfreg/PosterPage.js').then((m) => ({ default: m.PosterPage })));
// The phone check-in page (antd-mobile) is public: no session, its own chunk.
const MobileCheckinPage = lazy(() =>
  import('./pages/checkin/MobileCheckinPage.js').then((m) => ({ default: m.MobileCheckinPage })),
);

/** Registry routes: path, page, the permission it needs (or any of several). */
const REGISTRY_ROUTES: Array<{ path: string; element: React.ReactNode; permission: string | string[] }> = [
  { path: 'persons', element: <PersonsPage />, permission: 'person.read' },
  { path: 'persons/:id', element: <PersonPage />, permission: 'person.read' },
  { path: 'courtyards', element: <CourtyardsPage />, permission: 'place.read' },
  { path: 'courtyards/:id', element: <CourtyardPage />, permission: 'place.read' },
  { path: 'dwellings/:id', element: <DwellingPage />, permission: 'place.read' },
  { path: 'households/:id', element: <HouseholdPage />, permission: 'person.read' },
  { path: 'register', element: <RegisterPage />, permission: 'person.create' },
  { path: 'transfers', element: <TransfersPage />, permission: ['person.create', 'transfer.approve'] },
  { path: 'imports', element: <ImportsPage />, permission: 'person.create' },
];

/** Key-population health routes (重点人群健康管理). */
const HEALTH_ROUTES: Array<{ path: string; element: React.ReactNode; permission: string | string[] }> = [
  { path: 'health', element: <WorkListsPage />, permission: 'health.read' },
  { path: 'health/persons/:id', element: <HealthPersonPage />, permission: 'health.open' },
  { path: 'health/alerts', element: <AlertsPage />, permission: 'health.read' },
  { path: 'health/sites', element: <CareSitesPage />, permission: 'care_site.read' },
  { path: 'health/reports', element: <DailyReportsPage />, permission: ['daily_report.read', 'daily_report.file'] },
  { path: 'health/datasets', element: <HealthDatasetsPage />, permission: 'health_data.admin' },
  { path: 'health/figures', element: <HealthFiguresPage />, permission: 'health.read' },
  { path: 'health/rules', element: <HealthRulesPage />, permission: 'health_rules.read' },
];

/** QR family self-registration routes (扫码登记); the poster prints outside the layout. */
const SELFREG_ROUTES: Array<{ path: string; element: React.ReactNode; permission: string | string[] }> = [
  { path: 'self-registration', element: <SelfRegPage />, permission: 'selfreg.read' },
  { path: 'self-registration/queue', element: <QueuePage />, permission: 'selfreg.read' },
  { path: 'self-registration/submissions/:id', element: <SubmissionPage />, permission: 'selfreg.read' },
];

/**
 * antd's locale files are ESM at run time (default export = the locale) but typed
 * as CommonJS under NodeNext (default import = the module); accept both shapes.
 */
function unwrapLocale(mod: unknown): Locale {
  const value = mod as Locale | { default: Locale };
  return 'default' in value ? value.default : value;
}
const enUS = unwrapLocale(enUSModule);
const zhCN = unwrapLocale(zhCNModule);

export function Root() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? enUS : zhCN;
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={locale}
      theme={reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme}
    >
      <AntdApp>
        <FeedbackBridge />
        <BrowserRouter>
          <Routes>
            <Route
              path="/m/checkin/:token"
              element={
                <Suspense fallback={<FullPageSpin />}>
                  <MobileCheckinPage />
                </Suspense>
              }
            />
            <Route
              path="*"
              element={
                <SessionProvider>
                  <AppRoutes />
                </SessionProvider>
              }
            />
          </Routes>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  );
}

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="ss-full-center">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

function AppRoutes() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;

  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location }} />} />
      </Routes>
    );
  }

  if (me.user.mustChangePassword) {
    return (
      <Routes>
        <Route path="/password" element={<ChangePasswordPage standalone />} />
        <Route path="*" element={<Navigate to="/password" replace />} />
      </Routes>
    );
  }

  return (
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route
        path="self-registration/codes/:id/poster"
        element={
          <RequirePermission permission="selfreg.read">
            <Suspense fallback={<FullPageSpin />}>
              <PosterPage />
            </Suspense>
          </RequirePermission>
        }
      />
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route
          path="areas"
          element={
            <RequirePermission permission="area.read">
              <AreasPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="jobs"
          element={
            <RequirePermission permission="job.read">
              <JobsPage />
            </RequirePermission>
          }
        />
        {[...REGISTRY_ROUTES, ...HEALTH_ROUTES, ...SELFREG_ROUTES].map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={<RequirePermission permission={r.permission}>{r.element}</RequirePermission>}
          />
        ))}
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
