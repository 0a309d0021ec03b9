// Polling helper for assertions on the fake's state (never used to time anything).

/** Resolves with fn()'s first truthy result; rejects with `what` after timeoutMs. */
export async function waitUntil<T>(
  fn: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`fake-kube: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Status of a condition on a chaos object ("True"/"False"), undefined when absent. */
export function conditionOf(obj: object | undefined, type: string): string | undefined {
  const conditions: { type: string; status: string }[] = (obj as { status?: any } | undefined)?.status?.conditions ?? [];
  return conditions.find((c) => c.type === type)?.status;
}
