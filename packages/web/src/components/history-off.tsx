/** What the Changes page says when the server runs without a store. */
export function HistoryOff() {
  return (
    <section className="history-off" aria-labelledby="history-off-heading">
      <h2 id="history-off-heading">History is off</h2>
      <p>
        This server keeps no store, so it records no estate versions and raises no deletion alerts: a secret
        deleted in a producer's state goes unannounced here.
      </p>
      <p>To turn history on, start the server with a store:</p>
      <pre>
        <code>impact serve --store {'<dir|postgres://…>'}</code>
      </pre>
      <p className="small muted">
        A directory holds an embedded store (by default <code>.impact/</code> in the working directory); a{' '}
        <code>postgres://</code> URL shares one history between several servers. Add <code>--watch</code> so
        every change to the states is recorded as it lands.
      </p>
    </section>
  );
}
