package dev.milvusmigrate.core.domain;


/**
 * The Kafka topics of the pipeline. Per-job topics carry the job id so that several jobs can
 * share one Kafka cluster; shared topics (control, status, lag, notifications) carry the job id
 * in their record keys. The prefix lets several installations share a cluster too.
 */
public record TopicNames(String prefix) {

  public TopicNames {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("Topic prefix '" + prefix + "' is invalid: use 1 to 64"
          + " letters, digits, '.', '_' or '-'.");
    }
  }

  public static TopicNames withDefaultPrefix() {
    return new TopicNames("milvus-migrate");
  }

  /** Collection schemas and columnar snapshot batches, keyed by (database, collection, chunk). */
  public String snapshot(JobId job) {
    return perJob(job, "snapshot");
  }

  /** Captured inserts, upserts and deletes, heartbeats and stop markers, keyed by entity. */
  public String mutations(JobId job) {
    return perJob(job, "mutations");
  }

  /**
   * What every service reports about the jobs (plans, rows copied, verification reports,
   * failures), keyed by job id. One topic for all jobs, so the job-status view subscribes to a
   * fixed topic rather than a pattern that must discover each new job's topic.
   */
  public String progress() {
    return prefix + ".progress";
  }

  /** Exporter cursors per collection, so a restarted exporter continues where it stopped. */
  public String exporterCheckpoints(JobId job) {
    return perJob(job, "exporter-checkpoints");
  }

  /**
   * Capture positions per source log channel (compacted), written in the same transaction as the
   * mutations they cover, so a restarted capture resumes exactly.
   */
  public String captureCheckpoints(JobId job) {
    return perJob(job, "capture-checkpoints");
  }

  /** Submitted jobs (compacted), keyed by job id; every service watches it for its work. */
  public String jobs() {
    return prefix + ".jobs";
  }

  /** Commands to every service: STOP_SYNC, CANCEL. Keyed by job id. */
  public String control() {
    return prefix + ".control";
  }

  /** Compacted job-status view, keyed by job id. */
  public String status() {
    return prefix + ".status";
  }

  /** Lag Behind Source reports, keyed by job id. */
  public String lag() {
    return prefix + ".lag";
  }

  /** Notifications such as "lag below threshold", keyed by job id. */
  public String notifications() {
    return prefix + ".notifications";
  }

  /**
   * Each running job service's latest announcement (compacted), keyed by instance: which jobs it
   * works on and when it was last heard from.
   */
  public String services() {
    return prefix + ".services";
  }

  /** Records that could not be decoded or applied, kept for inspection instead of crashing. */
  public String deadLetters() {
    return prefix + ".dead-letters";
  }

  /**
   * The writes the capture-proxy in front of source {@code sourceId} recorded, in the order it
   * appended them (one partition); what capture reads instead of the source's own log.
   */
  public String proxyChanges(String sourceId) {
    return proxy(sourceId) + ".changes";
  }

  /**
   * Which server the capture-proxy in front of source {@code sourceId} serves after its last
   * cutover (compacted, one key): what a restarted or standby instance reads before serving.
   */
  public String proxyState(String sourceId) {
    return proxy(sourceId) + ".state";
  }

  private String proxy(String sourceId) {
    if (sourceId == null || !sourceId.matches("[a-zA-Z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("Source id '" + sourceId + "' is invalid: use 1 to 64 letters, digits,"
          + " '.', '_' or '-'.");
    }
    return prefix + ".proxy." + sourceId;
  }

  private String perJob(JobId job, String kind) {
    return prefix + ".job." + job.value() + "." + kind;
  }
}
