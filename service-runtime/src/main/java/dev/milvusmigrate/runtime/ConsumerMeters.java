package dev.milvusmigrate.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * A Kafka consumer's own metrics in a service's registry ({@code kafka_consumer_*}, among them
 * {@code kafka_consumer_fetch_manager_records_lag_max}: how many records it is behind the end of
 * its partitions). Close it before the consumer, which removes its meters.
 */
public final class ConsumerMeters implements AutoCloseable {

  private final KafkaClientMetrics metrics;

  private ConsumerMeters(KafkaClientMetrics metrics) {
    this.metrics = metrics;
  }

  public static ConsumerMeters bind(Consumer<?, ?> consumer, MeterRegistry registry, Tags tags) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, tags);
    metrics.bindTo(registry);
    return new ConsumerMeters(metrics);
  }

  @Override
  public void close() {
    metrics.close();
  }
}
