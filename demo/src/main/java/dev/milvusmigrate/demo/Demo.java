package dev.milvusmigrate.demo;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.ExitCode;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.cli.JobOutcome;
import dev.milvusmigrate.cli.MilvusMigrate;
import dev.milvusmigrate.cli.ProgressDisplay;
import dev.milvusmigrate.cli.ZeroDowntimeJob;
import dev.milvusmigrate.console.ConsoleConfig;
import dev.milvusmigrate.console.ConsoleServer;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.LagFeed;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's steps, printed for a newcomer: servers, sample data, a writing application, the
 * zero-downtime job (the CLI's own in-process pipeline), Lag Behind Source until the
 * below-threshold notification, then the cutover with the CLI's {@code stop-sync} command; or, with
 * the application writing through the capture-proxy, with {@code cutover} while it keeps writing.
 * Whatever happens, everything started is stopped at the end (or on Ctrl-C, by a shutdown hook).
 */
final class Demo {

  private static final int STEPS = 6;
  /** How long the lag may take to stay below the threshold before the demo gives up. */
  private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);
  /** The source's name in the capture-proxy's topic. */
  private static final String PROXY_SOURCE_ID = "demo-source";
  /** Writes the application makes after a cutover through the proxy, which the target answers. */
  private static final int WRITES_AFTER_SWITCH = 20;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Narration narration;
  private final int rows;
  private final int writesPerSecond;
  private final OptionalInt consolePort;
  private final boolean throughProxy;
  private final Cleanup cleanup;
  private final AtomicBoolean interrupted = new AtomicBoolean();

  /**
   * @param consolePort  where to run the console, if at all
   * @param throughProxy whether the application writes through the capture-proxy, which the job captures
   */
  Demo(PrintWriter out, PrintWriter err, int rows, int writesPerSecond, OptionalInt consolePort,
      boolean throughProxy) {
    this.out = out;
    this.err = err;
    this.narration = new Narration(out, STEPS);
    this.rows = rows;
    this.writesPerSecond = writesPerSecond;
    this.consolePort = consolePort;
    this.throughProxy = throughProxy;
    this.cleanup = new Cleanup(err);
  }

  /** Runs every step, stops everything, and returns the exit code (0 when the job ended SUCCESSFUL). */
  int run() {
    long started = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnCtrlC, "demo-cleanup"));
    int exitCode;
    try {
      exitCode = steps();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exitCode = ExitCode.CANCELED;
    } catch (RuntimeException e) {
      if (!interrupted.get()) {
        err.println("The demo failed: " + e.getMessage());
      }
      exitCode = ExitCode.INTERNAL_ERROR;
    }
    out.println();
    out.println("Stopping everything the demo started (writer, services, Milvus servers, Kafka broker) and deleting"
        + " their files...");
    out.flush();
    cleanup.stopAll();
    out.println("Demo " + (exitCode == ExitCode.SUCCESSFUL ? "finished" : "FAILED (exit code " + exitCode + ")")
        + " in " + Narration.seconds(started) + ".");
    return exitCode;
  }

  private void stopOnCtrlC() {
    if (!cleanup.isEmpty()) {
      interrupted.set(true);
      err.println("Interrupted: stopping everything the demo started...");
      cleanup.stopAll();
    }
    // A server interrupted while starting is not in the cleanup yet (its directory stays in the
    // temporary directory): kill whatever this process started that still runs.
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private int steps() throws InterruptedException {
    narration.step("Start the servers");
    LocalServers servers = LocalServers.start(cleanup, narration);
    Optional<PassThroughServer> proxy = throughProxy ? Optional.of(startProxy(servers)) : Optional.empty();
    if (consolePort.isPresent()) {
      startConsole(servers.kafka(), consolePort.getAsInt());
    }
    narration.step("Fill the source with sample collections");
    MilvusClientV2 client = connect(servers.source().uri());
    List<SampleCollection> collections = fill(client);
    narration.step("Start an application that keeps writing to the source");
    MilvusClientV2 application = proxy.map(server -> connect("http://127.0.0.1:" + server.port())).orElse(client);
    SampleWriter writer = cleanup.add(new SampleWriter(application, collections, rows, writesPerSecond).start());
    narration.say("%d requests a second, each to a random collection: inserts of new entities, upserts of the same"
        + " few keys again and again, deletes. It keeps writing during the whole migration%s.", writesPerSecond,
        throughProxy ? ", connected to the capture-proxy instead of the source" : "");
    narration.step("Zero-downtime migration: copy a snapshot, then apply " + (throughProxy
        ? "the writes the capture-proxy records" : "the source's log"));
    ZeroDowntimeJob job = cleanup.add(startJob(servers));
    // Opened before the snapshot ends, so the notification cannot be missed; closed on this thread only.
    try (LagFeed feed = LagFeed.open(job.topics())) {
      JobStatus syncing = untilSyncing(job);
      if (syncing.getState() != JobState.IN_PROGRESS) {
        return job.report(out, Optional.of(syncing));
      }
      narration.step("Watch Lag Behind Source until it stays below 10 s");
      LagWatch watch = new LagWatch(narration, syncing, System.currentTimeMillis());
      if (watch.await(feed, CATCH_UP_LIMIT).isEmpty()) {
        return notCaughtUp(job, watch.status());
      }
    }
    if (throughProxy) {
      narration.step("Cutover through the capture-proxy, while the application keeps writing");
      return cutoverThroughProxy(writer, job, servers.kafka());
    }
    narration.step("Cutover: stop the application's writes, then stop-sync");
    return cutover(writer, job, servers.kafka());
  }

  private MilvusClientV2 connect(String uri) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    cleanup.add(client::close);
    return client;
  }

  /** The capture-proxy in front of the source, recording on the demo's broker, able to switch to the target. */
  private PassThroughServer startProxy(LocalServers servers) {
    PassThroughServer proxy = cleanup.add(PassThroughServer.startRecording(ProxyConfig.of(Map.of(), Map.of(),
        Map.of("kafka.bootstrap", servers.kafka(), "source.uri", servers.source().uri(), "target.uri",
            servers.target().uri(), "proxy.listen", "127.0.0.1:0", "proxy.source-id", PROXY_SOURCE_ID)),
        write -> { }, () -> { }));
    narration.say("Capture-proxy   127.0.0.1:%d in front of the source, recording every write before answering it",
        proxy.port());
    return proxy;
  }

  /** The console on the demo's broker, with a token for this run; it stops with the demo. */
  private void startConsole(String kafka, int port) {
    String token = ConsoleConfig.newToken();
    ConsoleServer console = cleanup.add(ConsoleServer.start(ConsoleConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", kafka, "console.port", Integer.toString(port), "console.operator-tokens", token))));
    narration.say("Follow the migration in a browser: http://localhost:%d/ (any user name, password %s). The demo"
        + " presses Stop Data Sync itself once the lag stays low; the console stops with the demo.", console.port(),
        token);
  }

  private List<SampleCollection> fill(MilvusClientV2 client) {
    List<SampleCollection> collections = SampleCollection.all();
    for (SampleCollection collection : collections) {
      SampleData.create(client, collection, rows);
      narration.say("%-16s %,7d entities   %s", collection.qualifiedName(), rows, collection.shape());
    }
    return collections;
  }

  private JobStatus untilSyncing(ZeroDowntimeJob job) {
    JobStatus syncing;
    try (ProgressDisplay display = new ProgressDisplay(System.err)) {
      syncing = job.until(status -> status.getStage() == JobStage.SYNCING, display::update);
    }
    if (syncing.getState() == JobState.IN_PROGRESS) {
      narration.say("Snapshot copied: the job is SYNCING. Every write of the application now reaches the target"
          + " through the source's log.");
    }
    return syncing;
  }

  private int notCaughtUp(ZeroDowntimeJob job, JobStatus status) {
    if (status.getState() != JobState.IN_PROGRESS) {
      return job.report(out, Optional.of(status));
    }
    err.println("Lag Behind Source did not stay below 10 s within " + CATCH_UP_LIMIT.toMinutes() + " minutes: this"
        + " machine may be too busy; try again with fewer --writes-per-second.");
    return ExitCode.FAILED;
  }

  /** Stops the writer, then runs the CLI's stop-sync command, which prints the report; returns its exit code. */
  private int cutover(SampleWriter writer, ZeroDowntimeJob job, String kafka) throws InterruptedException {
    writer.close();
    if (writer.failure() != null) {
      throw new IllegalStateException("the application's writes to the source failed: " + writer.failure());
    }
    narration.say("The application stopped writing after %s, every one acknowledged by the source.",
        writer.summary());
    String[] stopSync = {"stop-sync", job.id().value(), "--confirm-writes-stopped", "--kafka", kafka};
    narration.say("$ milvus-migrate %s", String.join(" ", stopSync));
    return MilvusMigrate.run(Map.of(), out, err, stopSync);
  }

  /**
   * Runs the CLI's cutover command while the writer goes on, lets the writer make a few writes on the
   * target, then stops it; returns the command's exit code.
   */
  private int cutoverThroughProxy(SampleWriter writer, ZeroDowntimeJob job, String kafka) throws InterruptedException {
    String[] cutover = {"cutover", job.id().value(), "--kafka", kafka};
    narration.say("$ milvus-migrate %s", String.join(" ", cutover));
    int exitCode = MilvusMigrate.run(Map.of(), out, err, cutover);
    writer.awaitWrites(writer.writes() + WRITES_AFTER_SWITCH, Duration.ofMinutes(1));
    writer.close();
    if (writer.failure() != null) {
      throw new IllegalStateException("a write of the application failed: " + writer.failure());
    }
    narration.say("The application never stopped: %s, none failed; its longest write took %d ms (the pause of"
        + " the cutover).", writer.summary(), writer.longestWrite().toMillis());
    return exitCode;
  }

  private ZeroDowntimeJob startJob(LocalServers servers) {
    CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", servers.kafka(),
        "source.uri", servers.source().uri(), "target.uri", servers.target().uri()));
    JobId id = JobOutcome.jobId(null, "demo");
    InProcessPipeline.Capture capture = throughProxy ? new InProcessPipeline.ProxyTopic(PROXY_SOURCE_ID)
        : new InProcessPipeline.SourceLog(servers.kafka(), LocalServers.SOURCE_PREFIX);
    return ZeroDowntimeJob.start(settings, id, capture, IndexPolicy.AUTOINDEX, out);
  }
}
