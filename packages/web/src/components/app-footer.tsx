import { VERSION } from '@impact/core/version';

/** The version the dashboard was built with: the one of the CLI, the JSON result, SARIF and the API. */
export function AppFooter() {
  return <footer className="app-footer muted">impact {VERSION}</footer>;
}
