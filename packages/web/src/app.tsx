import { EstateRefreshContext, useEstateEvents } from './api/estate-version.js';
import { AlertBanner } from './components/alert-banner.js';
import { AppFooter } from './components/app-footer.js';
import { formatDate } from './components/format.js';
import { JumpBox } from './components/jump-box.js';
import { Link } from './components/link.js';
import { NotFound } from './components/not-found.js';
import { ChangesPage } from './pages/changes-page.js';
import { FindingsPage } from './pages/findings-page.js';
import { InventoryPage } from './pages/inventory-page.js';
import { NodePage } from './pages/node-page.js';
import { PlanPage } from './pages/plan-page.js';
import { RulePage } from './pages/rule-page.js';
import { StatusPage } from './pages/status-page.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { WorkspacesPage } from './pages/workspaces-page.js';
import { matchRoute, type Route, useLocation } from './router.js';

const NAV: { href: string; label: string; pages: Route['page'][] }[] = [
  { href: '/', label: 'Estate', pages: ['inventory', 'node'] },
  { href: '/workspaces', label: 'Workspaces', pages: ['workspaces', 'workspace'] },
  { href: '/plan', label: 'Plan impact', pages: ['plan'] },
  { href: '/findings', label: 'Findings', pages: ['findings', 'rule'] },
  { href: '/changes', label: 'Changes', pages: ['changes'] },
  { href: '/status', label: 'Status', pages: ['status'] },
];

export function App() {
  const { path } = useLocation();
  const route = matchRoute(path);
  const refresh = useEstateEvents();
  return (
    <EstateRefreshContext.Provider value={refresh}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          impact
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={n.pages.includes(route.page) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <JumpBox />
        <p className="live-note small muted" role="status">
          {refresh.at ? `estate updated ${formatDate(refresh.at)}` : ''}
        </p>
      </header>
      <AlertBanner />
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <AppFooter />
    </EstateRefreshContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'inventory':
      return <InventoryPage />;
    case 'node':
      return <NodePage key={route.id} id={route.id} />;
    case 'plan':
      return <PlanPage {...(route.id ? { id: route.id } : {})} />;
    case 'workspaces':
      return <WorkspacesPage />;
    case 'workspace':
      return <WorkspacePage key={route.name} name={route.name} />;
    case 'status':
      return <StatusPage />;
    case 'findings':
      return <FindingsPage />;
    case 'changes':
      return <ChangesPage {...(route.version !== undefined ? { version: route.version } : {})} />;
    case 'rule':
      return <RulePage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFound what="page" name={route.path} />;
  }
}
