import { AppFooter } from './components/app-footer.js';
import { Link } from './components/link.js';
import { NodeSearch } from './components/node-search.js';
import { FindingsPage } from './pages/findings-page.js';
import { InventoryPage } from './pages/inventory-page.js';
import { NodePage } from './pages/node-page.js';
import { PlanPage } from './pages/plan-page.js';
import { StatusPage } from './pages/status-page.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { WorkspacesPage } from './pages/workspaces-page.js';
import { matchRoute, type Route, useLocation } from './router.js';

const NAV: { href: string; label: string; pages: Route['page'][] }[] = [
  { href: '/', label: 'Secrets', pages: ['inventory', 'node'] },
  { href: '/workspaces', label: 'Workspaces', pages: ['workspaces', 'workspace'] },
  { href: '/plan', label: 'Plan impact', pages: ['plan'] },
  { href: '/findings', label: 'Findings', pages: ['findings'] },
  { href: '/status', label: 'Status', pages: ['status'] },
];

export function App() {
  const { path } = useLocation();
  const route = matchRoute(path);
  return (
    <>
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
        <NodeSearch />
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <AppFooter />
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'inventory':
      return <InventoryPage />;
    case 'node':
      return <NodePage key={route.id} id={route.id} />;
    case 'plan':
      return <PlanPage />;
    case 'workspaces':
      return <WorkspacesPage />;
    case 'workspace':
      return <WorkspacePage key={route.name} name={route.name} />;
    case 'status':
      return <StatusPage />;
    case 'findings':
      return <FindingsPage />;
    case 'not-found':
      return (
        <>
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <Link href="/">Back to the secrets</Link>.
          </p>
        </>
      );
  }
}
