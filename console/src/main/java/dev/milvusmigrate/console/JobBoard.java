package dev.milvusmigrate.console;

import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.LagFeed;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest status, lag report and notification of every job, kept current by one reader of
 * the status, lag and notification topics ({@link LagFeed}) on a thread of its own; every new
 * record also goes to the listeners (the event streams). The feed is opened before the topics are
 * read once from the start, so nothing published in between is missed.
 */
final class JobBoard implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobBoard.class);

  private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final Map<String, LagReport> lags = new ConcurrentHashMap<>();
  private final Map<String, Notification> notifications = new ConcurrentHashMap<>();
  private final List<Consumer<SpecificRecordBase>> listeners = new CopyOnWriteArrayList<>();
  private final LagFeed feed;
  private final Thread reader;
  private volatile boolean closed;

  private JobBoard(LagFeed feed) {
    this.feed = feed;
    this.reader = new Thread(this::follow, "console-job-board");
    this.reader.setDaemon(true);
  }

  static JobBoard open(JobTopics topics) {
    JobBoard board = new JobBoard(LagFeed.open(topics));
    try {
      topics.statuses().values().forEach(board::apply);
      topics.latestLag().values().forEach(board::apply);
      topics.latestNotifications().values().forEach(board::apply);
    } catch (RuntimeException e) {
      board.feed.close();
      throw e;
    }
    board.reader.start();
    return board;
  }

  /** Every job with a status, in the order the console first saw them. */
  List<JobStatus> statuses() {
    List<JobStatus> all = new ArrayList<>(statuses.values());
    all.sort(java.util.Comparator.comparing(status -> firstSeen.get(status.getJobId())));
    return all;
  }

  Optional<JobStatus> status(String job) {
    return Optional.ofNullable(statuses.get(job));
  }

  LagReport lag(String job) {
    return lags.get(job);
  }

  Notification notification(String job) {
    return notifications.get(job);
  }

  void listen(Consumer<SpecificRecordBase> listener) {
    listeners.add(listener);
  }

  private void follow() {
    try {
      feed.follow(job -> true, record -> {
        apply(record);
        listeners.forEach(listener -> listener.accept(record));
      }, () -> closed);
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("The console stopped reading the job topics; restart it", e);
      }
    }
  }

  private void apply(SpecificRecordBase record) {
    if (record instanceof JobStatus status) {
      firstSeen.putIfAbsent(status.getJobId(), System.nanoTime());
      statuses.put(status.getJobId(), status);
    } else if (record instanceof LagReport report) {
      lags.put(report.getJobId(), report);
    } else if (record instanceof Notification notification) {
      notifications.put(notification.getJobId(), notification);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    reader.join();
    feed.close();
  }
}
