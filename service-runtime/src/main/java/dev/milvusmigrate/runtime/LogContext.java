package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.domain.CollectionName;
import org.slf4j.MDC;

/**
 * The job and collection a thread works on, in the logging context (MDC) so that every log line
 * of that work names them. The MDC is per thread: set it on the thread that does the work, in a
 * try-with-resources, so a pooled thread does not carry it into its next task.
 */
public final class LogContext {

  public static final String JOB = "job";
  public static final String COLLECTION = "collection";

  private LogContext() {}

  public static MDC.MDCCloseable job(String jobId) {
    return MDC.putCloseable(JOB, jobId);
  }

  /** {@code database.collection}. */
  public static MDC.MDCCloseable collection(CollectionName collection) {
    return MDC.putCloseable(COLLECTION, collection.qualified());
  }
}
