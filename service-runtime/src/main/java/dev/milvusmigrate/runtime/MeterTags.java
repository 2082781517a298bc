package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.domain.CollectionName;
import io.micrometer.core.instrument.Tags;

/**
 * The tags the services' meters share. The job is {@code job_id}, not {@code job}: Prometheus
 * gives every scraped series a {@code job} label of its own (the scrape job).
 */
public final class MeterTags {

  public static final String JOB = "job_id";
  public static final String COLLECTION = "collection";

  private MeterTags() {}

  public static Tags job(String jobId) {
    return Tags.of(JOB, jobId);
  }

  /** The job and {@code database.collection}. */
  public static Tags collection(String jobId, CollectionName collection) {
    return job(jobId).and(COLLECTION, collection.qualified());
  }
}
