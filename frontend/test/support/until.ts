/** Resolves once `condition` holds, checking every few milliseconds; fails after `timeoutMs`. */
export async function until(
  condition: () => boolean,
  timeoutMs = 5000,
  what = "the condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
