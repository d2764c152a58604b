// Preloaded into `prisma migrate deploy`: the WASM schema engine leaves a 10 s timer pending on
// PostgreSQL after its work is done, which holds the CLI open; unref'ing long timers lets it exit.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout.call(this, callback, delay, ...args);
  if (typeof delay === 'number' && delay >= 5000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
