package dev.milvusmigrate.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the subscriptions capture left on the source's Pulsar for jobs that ended while no capture
 * of theirs ran (the service was down, or its capture had stopped on an error): a job's capture
 * deletes its own subscription when the job completes or ends under it, but nothing else would, and
 * the subscription would hold a backlog on the user's cluster forever. Only the subscriptions
 * {@code <kafka.topic-prefix>.cdc-capture.<job>} of ended jobs, on the DML topics of the configured
 * source, are touched: never those of live jobs or of other prefixes. Sweeps run one at a time on a
 * thread of their own; a failed one is logged, and the next ended job or start tries again.
 */
final class EndedJobSubscriptions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EndedJobSubscriptions.class);

  /** One subscription on one topic. */
  record Subscription(String topic, String name) {}

  private final PulsarAdminApi admin;
  private final Predicate<String> dmlTopics;
  private final String topicPrefix;
  private final ExecutorService sweeps = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cdc-capture-subscription-sweep");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param topicPrefix the pipeline's {@code kafka.topic-prefix}, which names capture's subscriptions
   * @param clusterPrefix the source's cluster prefix, which names its DML topics
   */
  EndedJobSubscriptions(PulsarSettings settings, String topicPrefix, String clusterPrefix) {
    this.admin = new PulsarAdminApi(settings);
    this.dmlTopics = settings.dmlTopics(clusterPrefix).asMatchPredicate();
    this.topicPrefix = topicPrefix;
  }

  /** Deletes, on the sweep's thread, the subscriptions of these ended jobs; returns at once. */
  void jobsEnded(Set<String> jobIds) {
    Set<String> ended = Set.copyOf(jobIds);
    sweeps.execute(() -> sweep(ended));
  }

  private void sweep(Set<String> jobIds) {
    try {
      Map<String, List<String>> subscriptions = admin.topics().stream().filter(dmlTopics)
          .collect(Collectors.toMap(topic -> topic, admin::subscriptions));
      for (Subscription left : leftBehind(subscriptions, dmlTopics, topicPrefix, jobIds)) {
        admin.deleteSubscription(left.topic(), left.name());
        log.info("Deleted subscription {} of an ended job from the source's log topic {}", left.name(), left.topic());
      }
    } catch (RuntimeException e) {
      log.warn("Could not delete the Pulsar subscriptions of {} ended job(s); the next ended job or start tries again:"
          + " {}", jobIds.size(), e.getMessage());
    }
  }

  /**
   * Which subscriptions to delete: on the DML topics among {@code subscriptions} (topic to its
   * subscriptions), those named {@link PulsarLog#subscription capture's} for one of {@code endedJobs}.
   */
  static List<Subscription> leftBehind(Map<String, List<String>> subscriptions, Predicate<String> dmlTopics,
      String topicPrefix, Set<String> endedJobs) {
    Set<String> names = endedJobs.stream().map(job -> PulsarLog.subscription(topicPrefix, job))
        .collect(Collectors.toSet());
    List<Subscription> left = new ArrayList<>();
    subscriptions.forEach((topic, onTopic) -> {
      if (dmlTopics.test(topic)) {
        onTopic.stream().filter(names::contains).forEach(name -> left.add(new Subscription(topic, name)));
      }
    });
    return left;
  }

  /** Stops the sweeps, waiting a little for one under way. */
  @Override
  public void close() {
    sweeps.shutdown();
    try {
      if (!sweeps.awaitTermination(5, TimeUnit.SECONDS)) {
        sweeps.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sweeps.shutdownNow();
    }
  }
}
