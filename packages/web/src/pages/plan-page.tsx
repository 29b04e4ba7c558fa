import { useState } from 'react';
import { api } from '../api/client.js';
import type { ImpactAnswer } from '../api/types.js';
import { ChangesTable } from '../components/changes-table.js';
import { ImpactSummary } from '../components/impact-summary.js';
import { ImpactView } from '../components/impact-view.js';
import { PlanDrop } from '../components/plan-drop.js';
import { ErrorBox, Loading } from '../components/status.js';

type State =
  | { state: 'idle' }
  | { state: 'loading'; name: string }
  | { state: 'error'; name: string; error: Error }
  | { state: 'ok'; name: string; answer: ImpactAnswer };

/** The last report survives a reload in this tab (it holds no values: the API sends none). */
const KEY = 'impact.plan-report';

function restore(): State {
  try {
    const saved = sessionStorage.getItem(KEY);
    if (!saved) return { state: 'idle' };
    const { name, answer } = JSON.parse(saved) as { name: string; answer: ImpactAnswer };
    return { state: 'ok', name, answer };
  } catch {
    return { state: 'idle' };
  }
}

export function PlanPage() {
  const [state, setState] = useState<State>(restore);
  const submit = (name: string, text: string) => {
    setState({ state: 'loading', name });
    api.planImpact(text).then(
      (answer) => {
        setState({ state: 'ok', name, answer });
        try {
          sessionStorage.setItem(KEY, JSON.stringify({ name, answer }));
        } catch {
          // A report too large for session storage is simply not kept across reloads.
        }
      },
      (error: Error) => setState({ state: 'error', name, error }),
    );
  };
  return (
    <>
      <h1>Plan impact</h1>
      <p className="lede">What does this plan break in the rest of the estate? The same report as the CLI.</p>
      <PlanDrop onPlan={submit} busy={state.state === 'loading'} />
      {state.state === 'loading' && <Loading what={`the impact of ${state.name}`} />}
      {state.state === 'error' && <ErrorBox error={state.error} what={`the impact of ${state.name}`} />}
      {state.state === 'ok' && (
        <section className="plan-report" aria-label={`Report for ${state.name}`}>
          <h2>
            Report for <code>{state.name}</code>
            {state.answer.result.workspace && <> in {state.answer.result.workspace}</>}
            {state.answer.result.workspaceInferred && <span className="muted small"> (inferred)</span>}
          </h2>
          <ImpactSummary result={state.answer.result} />
          <ChangesTable changes={state.answer.result.changes} />
          <ImpactView result={state.answer.result} subgraph={state.answer.subgraph} />
        </section>
      )}
    </>
  );
}
