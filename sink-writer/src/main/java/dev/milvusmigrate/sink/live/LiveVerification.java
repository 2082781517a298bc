package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.SampleSize;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a zero-downtime job while it syncs, so that stop-sync only has to compare what changed
 * last. It runs on the sink instance that holds mutations partition 0: a {@link ChangeFollower}
 * thread takes the baseline and follows the changes into a {@link LiveState}; at cutover ({@link
 * #compare}) that thread stops and a {@link CutoverCheck} verifies each collection from what was
 * gathered, or declines, and the full verification runs.
 */
public final class LiveVerification implements CollectionVerifier.Shortcut, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveVerification.class);

  /** The servers, Kafka and settings one sink instance's live verifications share. */
  public record Setup(KafkaClients clients, MilvusSession source, MilvusSession target, SampleSize sampleSize,
      LiveSettings settings) {}

  private final LiveJob job;
  private final KafkaClients clients;
  private final String topic;
  private final String groupId;
  private final LiveState state;

  private Thread thread;
  private FollowerStop followerStop;
  private volatile boolean stopping;
  private MutationTail tail;
  private SinkOffsets offsets;
  private CutoverCheck cutover;

  /**
   * @param topic the job's mutations topic, and {@code groupId} the sink's consumer group on it
   * @param targetDatabases the target database of each source database
   * @param collections the job's source collections as they are now
   */
  public LiveVerification(Setup setup, String jobId, String topic, String groupId,
      UnaryOperator<String> targetDatabases, Supplier<List<CollectionSchema>> collections, LiveMeters meters) {
    // Threads for reads in parallel; idle ones end after a minute, so nothing needs shutting down.
    ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
      Thread reader = new Thread(runnable, "live-verification-read");
      reader.setDaemon(true);
      return reader;
    });
    Random random = new Random(); // picks samples; nothing secret depends on it
    this.job = new LiveJob(jobId, setup.source(), setup.target(), setup.settings(), setup.sampleSize(),
        targetDatabases, collections, meters,
        new LoadedCollections(setup.source().catalog(), setup.target().catalog(), setup.settings().loadReleased()),
        new EntityCheck(setup.source(), setup.target(), reads),
        new BaselineScan(setup.source(), setup.target(), setup.sampleSize(), random), random, reads);
    this.clients = setup.clients();
    this.topic = topic;
    this.groupId = groupId;
    this.state = new LiveState(setup.source().catalog(), jobId, setup.settings().maxChangedKeys());
  }

  /** Runs while this instance holds mutations partition 0, the one whose holder verifies the job. */
  public void follow(boolean holdsPartitionZero) {
    if (!job.settings().enabled()) {
      return;
    }
    if (holdsPartitionZero && thread == null) {
      start();
    } else if (!holdsPartitionZero && thread != null) {
      release();
    }
  }

  private void start() {
    stopping = false;
    state.reset(); // what an earlier following gathered misses the changes since it stopped
    String name = Thread.currentThread().getName() + "-live-verification";
    tail = new MutationTail(clients, topic, name);
    offsets = new SinkOffsets(clients.admin(), groupId, topic);
    cutover = new CutoverCheck(job, state, tail, offsets);
    thread = new Thread(new ChangeFollower(job, state, tail, offsets, () -> stopping), name);
    thread.setDaemon(true);
    followerStop = new FollowerStop(thread, tail::wakeup);
    thread.start();
  }

  /**
   * At cutover: fills the data part of the report from the baseline and the changes since, or
   * returns false when the collection needs the full verification. Stops the following thread.
   */
  @Override
  public boolean compare(CollectionSchema schema, String targetDb, VerificationReport.Builder report) {
    close();
    CutoverCheck check = cutover;
    if (check == null || thread.isAlive()) {
      log.info("Job {}: this instance did not follow the job's changes to the end; running the full verification"
          + " of {}.", job.id(), new CollectionName(schema.getDatabase(), schema.getCollection()));
      return false;
    }
    return check.compare(schema, targetDb, report);
  }

  /** Stops the following thread; what it gathered stays for {@link #compare}. */
  @Override
  public void close() {
    stopping = true;
    FollowerStop stop = followerStop;
    if (stop != null) {
      stop.stop();
    }
  }

  /** Stops the following thread and closes its Kafka clients; what it gathered is gone. */
  public void release() {
    close();
    job.loaded().close();
    if (tail != null) {
      tail.close();
      offsets.close();
    }
    tail = null;
    offsets = null;
    cutover = null;
    thread = null;
    followerStop = null;
  }
}
