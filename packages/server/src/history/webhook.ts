import type { AlertDelivery } from '@impact/core';

export interface WebhookOptions {
  /** Attempts at most (default 5). */
  attempts: number;
  /** The first wait between attempts, doubled each time (default 500 ms). */
  backoffMs: number;
  /** One attempt gives up after this long (default 10 s). */
  timeoutMs: number;
  /**
   * A delivery that failed is tried again at a later poll, no sooner than this after its last try
   * (default 2 minutes); a claim left `sending` this long is taken for a sender that died.
   */
  retryAfterMs: number;
}

const DEFAULTS: WebhookOptions = { attempts: 5, backoffMs: 500, timeoutMs: 10_000, retryAfterMs: 120_000 };

/**
 * POSTs one alert as JSON. A 2xx answer is delivered; a 5xx, a 408 or 429, or no answer is
 * retried with backoff (a 429's `Retry-After` honoured, up to a minute); any other 4xx is a
 * refusal not worth retrying. The error never quotes the URL (a Slack webhook's path is its secret).
 */
export async function deliverWebhook(
  target: string,
  payload: AlertDelivery,
  options: Partial<WebhookOptions> = {},
): Promise<{ ok: boolean; attempts: number; error?: string }> {
  const { attempts, backoffMs, timeoutMs } = { ...DEFAULTS, ...options };
  const body = JSON.stringify(payload);
  let error = 'not sent';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = backoffMs * 2 ** (attempt - 1);
    try {
      const answer = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'impact-alerts' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await answer.body?.cancel().catch(() => {});
      if (answer.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${answer.status}`;
      if (answer.status < 500 && answer.status !== 408 && answer.status !== 429)
        return { ok: false, attempts: attempt, error: `${error}: refused` };
      const after = Number(answer.headers.get('retry-after'));
      if (answer.status === 429 && Number.isFinite(after) && after > 0) wait = Math.min(after * 1000, 60_000);
    } catch (e) {
      error =
        e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { ok: false, attempts, error };
}
