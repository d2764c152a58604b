// Slow answers on purpose: a Web API call is carried out at once and its answer waits, as when Slack or the network
// is slow. A test can then stop an app between "Slack did it" and "the app heard back".
export class AnswerDelays {
  private readonly byMethod = new Map<string, number>();

  /** `delayMs` null or 0 answers `method` at once again. */
  set(method: string, delayMs: number | null): void {
    if (delayMs && delayMs > 0) this.byMethod.set(method, delayMs);
    else this.byMethod.delete(method);
  }

  delayFor(method: string): number {
    return this.byMethod.get(method) ?? 0;
  }
}
