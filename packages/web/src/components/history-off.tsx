/** What the Changes page says when the server runs without a store. */
export function HistoryOff() {
  return (
    <section className="history-off" aria-labelledby="history-off-heading">
      <h2 id="history-off-heading">History is off</h2>
      <p>
        This server keeps no store, so it records no estate versions and raises no deletion alerts: a secret
        deleted in a producer's state goes unannounced here. It was started with <code>--no-store</code>, or
        its default store was held by another impact process (its log says so).
      </p>
      <p>To turn history on, start the server with a store:</p>
      <pre>
        <code>impact serve --store {'<dir|postgres://…>'}</code>
      </pre>
      <p className="small muted">
        A directory holds an embedded store (<code>impact serve</code> uses <code>.impact/</code> in the
        working directory unless told otherwise); a <code>postgres://</code> URL shares one history between
        several servers. Add <code>--watch</code> so every change to the states is recorded as it lands.
      </p>
    </section>
  );
}
