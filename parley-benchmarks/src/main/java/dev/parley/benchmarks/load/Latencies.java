package dev.parley.benchmarks.load;

/**
 * A histogram of delivery latencies in buckets of {@value #BUCKET_MICROS} µs up to {@value
 * #MAX_SECONDS} s (longer ones count in the last bucket, and in {@link #maxNanos()}). One per
 * reactor thread; merged at the end. Not thread-safe.
 */
final class Latencies {
  static final int BUCKET_MICROS = 10;
  static final int MAX_SECONDS = 10;
  private final int[] buckets = new int[MAX_SECONDS * 1_000_000 / BUCKET_MICROS + 1];
  private long count;
  private long maxNanos;

  void record(long nanos) {
    long b = Math.max(0, nanos) / 1000 / BUCKET_MICROS;
    buckets[(int) Math.min(b, buckets.length - 1)]++;
    count++;
    maxNanos = Math.max(maxNanos, nanos);
  }

  void add(Latencies other) {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += other.buckets[i];
    }
    count += other.count;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  long count() {
    return count;
  }

  long maxNanos() {
    return maxNanos;
  }

  /** The upper bound of the bucket holding the {@code p} quantile, in milliseconds; NaN if empty. */
  double quantileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(p * count);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return (i + 1) * BUCKET_MICROS / 1000.0;
      }
    }
    return maxNanos / 1e6;
  }
}
