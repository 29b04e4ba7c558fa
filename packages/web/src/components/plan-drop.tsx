import { type DragEvent, useId, useState } from 'react';

/** A drop zone that is also a keyboard-usable file picker. */
export function PlanDrop({ onPlan, busy }: { onPlan: (name: string, text: string) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const inputId = useId();
  const read = async (file: File | undefined) => {
    if (file) onPlan(file.name, await file.text());
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void read(event.dataTransfer.files[0]);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer extra; the file input is the keyboard path
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>
        Drop the JSON of <code>terraform show -json plan.tfplan</code> here, or{' '}
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => void read(e.target.files?.[0])}
        />
        <label htmlFor={inputId} className="button">
          choose a file
        </label>
      </p>
      <p className="muted small">
        The plan is sent to this server only; secret values in it are dropped on arrival.
      </p>
    </div>
  );
}
