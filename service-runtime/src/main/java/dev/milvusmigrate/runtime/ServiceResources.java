package dev.milvusmigrate.runtime;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;

/**
 * What {@link JobServiceHost} opened for a job service and hands its {@link JobRunnerFactory}: the
 * Kafka clients, the producer of the progress topic, the reporter of job failures on it and the
 * registry the service's meters are counted in. The host closes them; runners only use them.
 */
public record ServiceResources(KafkaClients clients, Producer<String, ProgressEvent> progress, JobFailures failures,
    MeterRegistry registry) {}
