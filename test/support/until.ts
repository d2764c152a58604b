// Polls `probe` until it returns a value: for tests that watch work the app does on its own (jobs, replicas).
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 8000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
