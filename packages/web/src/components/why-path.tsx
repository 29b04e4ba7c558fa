import type { PathStep } from '@impact/core';

/** A path consumer → … → changed node, each hop with its edge kind, attribute and evidence. */
export function WhyPath({ path, labels }: { path: PathStep[]; labels: Map<string, string> }) {
  if (path.length === 0) return null;
  return (
    <ol className="why-path" aria-label="Why: dependency path">
      {path.map((step) => (
        <li key={`${step.from}|${step.to}|${step.kind}`}>
          <span className="mono">{labels.get(step.from) ?? step.from}</span>{' '}
          <span className="edge-kind">{step.kind}</span>{' '}
          <span className="mono">{labels.get(step.to) ?? step.to}</span>
          <div className="muted small">
            at <code>{step.attribute}</code> · {step.confidence}
            {step.evidence ? (
              <>
                {' '}
                · <code>{step.evidence}</code>
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
