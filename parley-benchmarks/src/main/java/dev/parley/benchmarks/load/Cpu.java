package dev.parley.benchmarks.load;

/** The CPU used by the server, this process and the rest of the machine over a window. */
record Cpu(long pid, long t0, long server0, long load0, long busy0) {
  static Cpu begin(long pid) {
    return new Cpu(pid, System.nanoTime(), Procfs.cpuTicks(pid),
        Procfs.cpuTicks(ProcessHandle.current().pid()), Procfs.busyTicks());
  }

  Window end() {
    double seconds = (System.nanoTime() - t0) / 1e9;
    double server = (Procfs.cpuTicks(pid) - server0) / Procfs.TICKS_PER_SECOND;
    double load = (Procfs.cpuTicks(ProcessHandle.current().pid()) - load0) / Procfs.TICKS_PER_SECOND;
    double busy = (Procfs.busyTicks() - busy0) / Procfs.TICKS_PER_SECOND;
    return new Window(seconds, server / seconds, load / seconds,
        Math.max(0, busy - server - load) / seconds);
  }

  /** Cores used on average over {@code seconds}. */
  record Window(double seconds, double server, double load, double other) {}
}
