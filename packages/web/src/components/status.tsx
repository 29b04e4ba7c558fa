import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import type { Loadable } from '../api/use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, what }: { error: Error; what: string }) {
  const code =
    error instanceof ApiError ? ` (${error.code}${error.statusCode ? `, ${error.statusCode}` : ''})` : '';
  return (
    <div className="error-box" role="alert">
      <strong>Could not load {what}</strong>
      {code}: {error.message}
    </div>
  );
}

/** Renders loading and error states, and `children(data)` once the answer is there. */
export function Loaded<T>({
  value,
  what,
  children,
}: {
  value: Loadable<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <ErrorBox error={value.error} what={what} />;
  return <>{children(value.data)}</>;
}
