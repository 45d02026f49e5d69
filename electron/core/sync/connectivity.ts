/**
 * Watches whether the hub is reachable. While offline it probes with a growing delay (so a
 * laptop on a train does not hammer the hub the moment it gets a bar of signal) and calls
 * `onReconnect` once a probe succeeds.
 */
export type ConnectivityOptions = {
  probe: () => Promise<boolean>;
  onChange: (online: boolean) => void;
  onReconnect: () => void;
  minDelayMs?: number;
  maxDelayMs?: number;
};

export function createConnectivity(opts: ConnectivityOptions) {
  const minDelay = opts.minDelayMs ?? 2_000;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  let online = true;
  let delay = minDelay;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void opts.probe().then(
        (up) => (up ? setOnline(true) : backOff()),
        () => backOff(),
      );
    }, delay);
    timer.unref();
  };
  const backOff = () => {
    delay = Math.min(maxDelay, delay * 2);
    schedule();
  };
  function setOnline(up: boolean): void {
    if (stopped || up === online) return;
    online = up;
    opts.onChange(up);
    if (up) {
      if (timer) clearTimeout(timer);
      timer = null;
      delay = minDelay;
      opts.onReconnect();
    } else {
      schedule();
    }
  }
  return {
    get online() {
      return online;
    },
    /** Reports what a real request just found out; going offline starts the probes. */
    report: setOnline,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type Connectivity = ReturnType<typeof createConnectivity>;
