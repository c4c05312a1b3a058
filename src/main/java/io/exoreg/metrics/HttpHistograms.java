package io.exoreg.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** HTTP latency as Prometheus histograms, so that percentiles can be aggregated over replicas. */
@Singleton
public class HttpHistograms {
  @Produces
  @Singleton
  MeterFilter httpHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().startsWith("http.server.requests")) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .minimumExpectedValue(100_000.0) // 0.1 ms, in nanoseconds
              .maximumExpectedValue(10_000_000_000.0) // 10 s
              .build()
              .merge(config);
        }
        return config;
      }
    };
  }
}
