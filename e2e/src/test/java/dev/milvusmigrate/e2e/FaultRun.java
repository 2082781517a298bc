package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.vector;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.milvus.v2.common.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the fault suite: a zero-downtime job of a fresh source database, its services as
 * separate processes, two live writers during snapshot and sync (the Java SDK's, rewriting the same
 * keys, and pymilvus's, with every field type, several partitions, bursts, moves of keys between
 * partitions and deletes by filter), its faults injected one after the other, each at a random
 * moment of the chosen phase (a later one in the sync if the snapshot ended meanwhile) and followed
 * by writes; then the writers stop, stop-sync drains to the fence, and the target is compared with
 * the source entity by entity (pymilvus's collection per partition, field by field). A run with a
 * fault of the capture-proxy captures through one, and both writers write through it.
 */
final class FaultRun {

  private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
  private static final int DIM = 8;
  private static final int ITEMS = 4000;
  /** The pymilvus collection: each of its entities weighs several times an item (eight arrays, JSON). */
  private static final int RICH = 1000;
  private static final int LABELS = 200;
  private static final int WRITES_AFTER_FAULT = 150;
  private static final Duration TARGET_DOWN = Duration.ofSeconds(30);
  private static final Duration SOURCE_DOWN = Duration.ofSeconds(3);
  private static final Duration BROKER_DOWN = Duration.ofSeconds(3);
  private static final Duration SOURCE_LOG_DOWN = Duration.ofSeconds(30);
  private static final Duration CUT_OFF = Duration.ofSeconds(20);
  private static final Duration CAPTURE_CUT_OFF = Duration.ofSeconds(60);
  /** The lossy link between capture and the source's log: packets dropped, and the delay one way. */
  private static final int LOSS_PERCENT = 30;
  private static final Duration DELAY = Duration.ofMillis(200);
  /** The sink-writers while scaled out, and the writes made meanwhile before scaling back to one. */
  private static final int SCALED_SINKS = 3;
  private static final int WRITES_WHILE_SCALED = 100;
  private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(6);
  /** How long the tally waits for a server to accept a connection (a restarted one may still recover). */
  private static final Duration CONNECT_PATIENCE = Duration.ofMinutes(2);
  private static final int LOG_LINES = 30;

  private final FaultLab lab;
  private final List<Fault> faults;
  private final Fault.Phase phase;
  private final Random random;
  private final String name;
  private final Path directory;
  /** An application written with pymilvus, beside the Java one: every field type, several partitions. */
  private final PyMilvusWorkload rich;
  private String step = "starting";

  FaultRun(FaultLab lab, List<Fault> faults, Fault.Phase phase, Random random, int number) throws IOException {
    this.lab = lab;
    this.faults = List.copyOf(faults);
    this.phase = phase;
    this.random = random;
    this.name = "faults_" + number + "_" + Names.unique("r").substring(2);
    this.directory = Files.createDirectories(lab.directory().resolve(name));
    this.rich = new PyMilvusWorkload(name, "rich", List.of("p_north", "p_south"));
  }

  /**
   * Runs it; a run that cannot finish throws with the step it was in and whether each server still
   * runs (their log tails go to the log), so a fixture failure can be told apart from a pipeline one.
   */
  FaultRunResult run() throws Exception {
    try {
      return runSteps();
    } catch (Exception e) {
      LOG.error("Run {} failed while {}.\nsource: {}\ntarget: {}", name, step, lab.source().describe(LOG_LINES),
          lab.target().describe(LOG_LINES));
      throw new IllegalStateException("Run " + name + " failed while " + step + " (source Milvus "
          + (lab.source().isRunning() ? "running" : "exited") + ", target Milvus "
          + (lab.target().isRunning() ? "running" : "exited") + "): " + e, e);
    }
  }

  private FaultRunResult runSteps() throws Exception {
    AvroTrust.install();
    long started = System.nanoTime();
    step("clearing both servers");
    clearDatabases();
    step("seeding the source");
    seedSource();
    TopicNames topics = new TopicNames(name);
    Map<String, String> kafka = Map.of("kafka.bootstrap", lab.pipelineKafka().bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(), "kafka.replication-factor", "1", "kafka.snapshot-partitions", "2",
        "kafka.mutation-partitions", "3");
    new TopicProvisioner(new KafkaClients(lab.pipelineKafka().bootstrapServers(), Map.of()), topics, (short) 1)
        .ensureSharedTopics();
    JobStatus end;
    List<FaultRunResult.Injected> injectedFaults;
    int writes;
    int failedWrites;
    step("starting the services");
    int kafkaPort = port(lab.pipelineKafka().bootstrapServers());
    try (SourceSupervisor supervisor = SourceSupervisor.watch(lab.source(), name);
        CutOffNetwork sinkNetwork = faults.contains(Fault.SINK_CUT_OFF) ? CutOffNetwork.create(
            List.of(kafkaPort, lab.source().port()), lab.target().port(), directory) : null;
        CutOffNetwork exporterNetwork = faults.contains(Fault.EXPORTER_CUT_OFF) ? CutOffNetwork.create(
            List.of(kafkaPort), lab.source().port(), directory) : null;
        CutOffNetwork captureNetwork = faults.contains(Fault.CAPTURE_CUT_OFF) || faults.contains(Fault.CAPTURE_LOSSY)
            ? CutOffNetwork.create(
            List.of(kafkaPort, lab.source().port()), port(lab.sourceLogKafka()), directory) : null;
        PipelineProcesses services = PipelineProcesses.start(kafka, lab.source().uri(), lab.captureSourceLog(),
            lab.target().uri(), directory, launchers(sinkNetwork, exporterNetwork, captureNetwork));
        JobControl job = new JobControl(lab.pipelineKafka().bootstrapServers(), topics, new JobId(name),
            lab.source().uri(), lab.target().uri());
        ProxyProcess proxy = proxied() ? ProxyProcess.start(Map.of("kafka.bootstrap",
            lab.pipelineKafka().bootstrapServers(), "kafka.topic-prefix", topics.prefix(), "source.uri",
            lab.source().uri(), "proxy.source-id", name), directory) : null;
        MilvusData writing = new MilvusData(proxy == null ? lab.source().uri() : proxy.uri()).use(name);
        LiveWriter writer = LiveWriter.ridingOutOutages(writing.client(), "items", 100_000, random.nextLong(),
            LiveWriter::item);
        PyMilvusWorkload.Writer pythonWriter = rich.startWriter(proxy == null ? lab.source().uri() : proxy.uri(),
            100_000, random.nextLong(), PyMilvusWorkload.Pace.STEADY, directory, true)) {
      writer.start();
      if (faults.contains(Fault.TWO_JOBS)) {
        job.submitScoped(name, proxy == null ? null : name);
      } else {
        job.submit(null, proxy == null ? null : name);
      }
      SinkGroups sinks = new SinkGroups(lab.pipelineKafka().bootstrapServers(), topics, new JobId(name));
      List<FaultRunResult.Injected> injected = new ArrayList<>();
      for (Fault fault : faults) {
        step("waiting for the moment of fault " + (injected.size() + 1) + " (" + fault + ")");
        JobStage injectedIn = awaitMoment(job, injected.isEmpty());
        if (job.newestStatus().getState() != JobState.IN_PROGRESS) {
          break;
        }
        LOG.info("Run {}: injecting '{}' during {}", name, fault.description(), injectedIn);
        step("injecting fault " + (injected.size() + 1) + " (" + fault + ")");
        inject(fault, new Breakable(services, proxy, writer, sinks, supervisor, sinkNetwork, exporterNetwork,
            captureNetwork));
        injected.add(new FaultRunResult.Injected(fault, injectedIn));
        int afterFault = writer.operations();
        step("writing after fault " + injected.size() + " (" + fault + ")");
        await("writes after the fault").atMost(STAGE_TIMEOUT).until(writer::operations,
            done -> done >= afterFault + WRITES_AFTER_FAULT);
      }
      writer.close();
      LOG.info("Run {}: the pymilvus writer stopped: {}", name, pythonWriter.stop());
      step("stopping the sync");
      end = stopSync(job, services);
      injectedFaults = injected;
      writes = writer.operations();
      failedWrites = writer.failedWrites();
      step("stopping the services (job ended " + end.getState() + ")");
    }
    List<String> subscriptionsLeft = lab.captureSubscriptionsLeft(topics.prefix(), name);
    if (!subscriptionsLeft.isEmpty()) {
      throw new IllegalStateException("capture's subscription is still on " + subscriptionsLeft
          + " of the source's Pulsar after the job ended " + end.getState());
    }
    // Compared once the services stopped: a sink-writer releases the source collections its live
    // verification loaded after the job ended, which would race with the comparison's reads.
    step("comparing the target with the source (job ended " + end.getState() + ")");
    return new FaultRunResult(name, faults, injectedFaults, phase, end.getState(), reason(end), tally(), writes,
        failedWrites, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Whether this run captures through a capture-proxy (source id: the run's name) that both writers
   * write through, rather than from the source's log.
   */
  private boolean proxied() {
    return faults.stream().anyMatch(Fault::needsProxy);
  }

  private void step(String now) {
    step = now;
  }

  /**
   * A random moment of the phase: during the snapshot while rows are copied, or in the sync. A
   * fault after the first one aimed at the snapshot may land in the sync if the snapshot ended.
   */
  private JobStage awaitMoment(JobControl job, boolean first) throws InterruptedException {
    if (phase == Fault.Phase.SNAPSHOT) {
      job.awaitStatus("copying the snapshot", STAGE_TIMEOUT, s -> s.getStage() == JobStage.SNAPSHOT
          && s.getRowsCopied() > 0 || !first && s.getStage() != JobStage.PREPARE
          || s.getState() != JobState.IN_PROGRESS);
      Thread.sleep(random.nextInt(4_000));
    } else {
      job.awaitStatus("syncing", STAGE_TIMEOUT, s -> s.getStage() == JobStage.SYNCING
          || s.getState() != JobState.IN_PROGRESS);
      Thread.sleep(1_000 + random.nextInt(7_000));
    }
    return job.newestStatus().getStage();
  }

  /** What a run's faults act on besides the lab's servers; the proxy and the networks are null when not used. */
  private record Breakable(PipelineProcesses services, ProxyProcess proxy, LiveWriter writer, SinkGroups sinks,
      SourceSupervisor supervisor, CutOffNetwork sinkNetwork, CutOffNetwork exporterNetwork,
      CutOffNetwork captureNetwork) {}

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /** The sink-writer, the exporter and capture run in network namespaces when the run cuts them off. */
  private static Map<String, List<String>> launchers(CutOffNetwork sink, CutOffNetwork exporter,
      CutOffNetwork capture) {
    Map<String, List<String>> launchers = new HashMap<>();
    if (sink != null) {
      launchers.put(PipelineProcesses.SINK, sink.launcher());
    }
    if (exporter != null) {
      launchers.put(PipelineProcesses.EXPORTER, exporter.launcher());
    }
    if (capture != null) {
      launchers.put(PipelineProcesses.CAPTURE, capture.launcher());
    }
    return launchers;
  }

  private void inject(Fault fault, Breakable on) throws Exception {
    PipelineProcesses services = on.services();
    switch (fault) {
      case KILL_EXPORTER -> services.service(PipelineProcesses.EXPORTER).killAndRestart();
      case KILL_CAPTURE -> services.service(PipelineProcesses.CAPTURE).killAndRestart();
      case KILL_SINK -> services.service(PipelineProcesses.SINK).killAndRestart();
      case KILL_LAG_MONITOR -> services.service(PipelineProcesses.LAG_MONITOR).killAndRestart();
      case BROKER_RESTART -> lab.pipelineKafka().restart(BROKER_DOWN);
      case TARGET_DOWN -> lab.target().restart(TARGET_DOWN);
      case SOURCE_RESTART -> lab.source().restart(SOURCE_DOWN);
      case BROKER_KILL -> lab.pipelineKafka().killAndRestart(BROKER_DOWN);
      case SINK_SCALE -> scaleSinks(services, on.writer(), on.sinks());
      case PROXY_KILL -> on.proxy().killAndRestart();
      case SOURCE_LOG_DOWN -> on.supervisor().pausedDuring(() -> lab.restartSourceLog(SOURCE_LOG_DOWN));
      case SINK_CUT_OFF -> brokenFor(on.sinkNetwork(), CutOffNetwork::cut, CUT_OFF);
      case EXPORTER_CUT_OFF -> brokenFor(on.exporterNetwork(), CutOffNetwork::cut, CUT_OFF);
      case CAPTURE_CUT_OFF -> brokenFor(on.captureNetwork(), CutOffNetwork::cut, CAPTURE_CUT_OFF);
      case CAPTURE_LOSSY -> brokenFor(on.captureNetwork(), network -> network.degrade(LOSS_PERCENT, DELAY),
          CAPTURE_CUT_OFF);
      case TWO_JOBS -> secondJobCancelled(on.proxy() != null);
    }
  }

  /**
   * A second zero-downtime job, of a database of its own, on the same services and topics as the
   * run's job (which is then scoped to the run's database): cancelled once it copied rows or
   * syncs. It must end CANCELED, and the run's job must not notice.
   */
  private void secondJobCancelled(boolean proxied) throws Exception {
    String other = name + "_b";
    try (MilvusData data = new MilvusData(lab.source().uri()).database(other)) {
      data.create("items", LiveWriter.itemSchema());
      data.insert("items", MilvusData.rows(ITEMS, i -> LiveWriter.item((long) i + 1, 0)));
    }
    try (JobControl second = new JobControl(lab.pipelineKafka().bootstrapServers(), new TopicNames(name),
        new JobId(other), lab.source().uri(), lab.target().uri())) {
      second.submitScoped(other, proxied ? name : null);
      second.awaitStatus("copying rows or syncing", STAGE_TIMEOUT, s -> s.getRowsCopied() > 0
          || s.getStage() == JobStage.SYNCING || s.getState() != JobState.IN_PROGRESS);
      second.cancel();
      JobStatus end = second.awaitStatus("ended after its cancel", STAGE_TIMEOUT,
          s -> s.getState() != JobState.IN_PROGRESS);
      if (end.getState() != JobState.CANCELED) {
        throw new IllegalStateException("The second job " + other + " ended " + end.getState()
            + " instead of CANCELED: " + reason(end));
      }
      LOG.info("Run {}: the second job {} was cancelled during {}", name, other, end.getStage());
    }
  }

  /** The service's link to its one server broken by {@code breaking} for {@code during}, then sound again. */
  private static void brokenFor(CutOffNetwork network, Consumer<CutOffNetwork> breaking, Duration during)
      throws InterruptedException {
    breaking.accept(network);
    try {
      Thread.sleep(during.toMillis());
    } finally {
      network.restore();
    }
  }

  /**
   * Two more sink-writers join the job's consumer groups (a rebalance while the first one writes),
   * apply while the writer makes {@value #WRITES_WHILE_SCALED} writes, and are stopped again (a
   * second rebalance).
   */
  private void scaleSinks(PipelineProcesses services, LiveWriter writer, SinkGroups sinks) {
    services.scaleSinks(SCALED_SINKS);
    await(SCALED_SINKS + " sink-writers in one of the job's consumer groups").atMost(STAGE_TIMEOUT)
        .until(sinks::largest, members -> members >= SCALED_SINKS);
    int scaled = writer.operations();
    await("writes while " + SCALED_SINKS + " sink-writers apply").atMost(STAGE_TIMEOUT).until(writer::operations,
        done -> done >= scaled + WRITES_WHILE_SCALED);
    services.scaleSinks(1);
  }

  /** Once the job syncs, stop-sync with the writes confirmed stopped, and the job's end. */
  private JobStatus stopSync(JobControl job, PipelineProcesses services) throws Exception {
    JobStatus syncing = job.awaitStatus("syncing before stop-sync", STAGE_TIMEOUT,
        s -> s.getStage() == JobStage.SYNCING || s.getState() != JobState.IN_PROGRESS);
    if (syncing.getState() == JobState.IN_PROGRESS) {
      job.stopSync(true);
    }
    JobStatus end = job.awaitStatus("ended", STAGE_TIMEOUT, s -> s.getState() != JobState.IN_PROGRESS);
    String exited = services.exited();
    if (!exited.isEmpty()) {
      LOG.warn("Run {}: services exited on their own:\n{}", name, exited);
    }
    return end;
  }

  private EntityTally tally() {
    try (MilvusData from = MilvusData.connectPatiently(lab.source().uri(), CONNECT_PATIENCE).use(name);
        MilvusData to = MilvusData.connectPatiently(lab.target().uri(), CONNECT_PATIENCE)) {
      EntityTally total = EntityTally.NONE;
      for (String collection : from.collections()) {
        if (collection.equals(rich.collection())) {
          total = total.plus(tally(rich.compare(lab.source().uri(), lab.target().uri())));
          continue;
        }
        from.load(collection);
        if (!to.databases().contains(name) || !to.use(name).exists(collection)) {
          total = total.plus(new EntityTally(from.count(collection), from.count(collection), 0, 0, 0));
          continue;
        }
        to.load(collection);
        total = total.plus(EntityTally.of(from, to, collection));
      }
      return total;
    }
  }

  /** What pymilvus found comparing the collection per partition, field by field. */
  private EntityTally tally(PyMilvusWorkload.Comparison comparison) {
    if (!comparison.equal()) {
      LOG.warn("Run {}: {} differs: {}", name, rich.collection(), comparison.summary());
    }
    return new EntityTally(comparison.figure("source_entities"), comparison.figure("missing"),
        comparison.figure("duplicated"), comparison.figure("unexpected"), comparison.figure("differing"));
  }

  /** Earlier runs' databases go from both servers, so each job copies only its own. */
  private void clearDatabases() {
    for (String uri : List.of(lab.source().uri(), lab.target().uri())) {
      try (MilvusData server = MilvusData.connectPatiently(uri, CONNECT_PATIENCE)) {
        server.databases().stream().filter(d -> !d.equals("default")).forEach(server::dropDatabase);
      }
    }
  }

  private void seedSource() {
    try (MilvusData data = new MilvusData(lab.source().uri()).database(name)) {
      data.create("items", LiveWriter.itemSchema());
      data.insert("items", MilvusData.rows(ITEMS, i -> LiveWriter.item((long) i + 1, 0)));
      data.create("labels", SourceDatabase.schema(false,
          Rows.field("name", DataType.VarChar).isPrimaryKey(true).maxLength(32).build(), vector("embedding", DIM)));
      data.insert("labels", MilvusData.rows(LABELS, FaultRun::label));
    }
    rich.create(lab.source().uri(), RICH, false);
  }

  private static JsonObject label(int i) {
    JsonObject row = new JsonObject();
    row.addProperty("name", "label-" + i);
    row.add("embedding", Rows.vector(i, DIM));
    return row;
  }

  private static String reason(JobStatus end) {
    return end.getReason() == null ? "" : end.getReason() + (end.getErrorDetails() == null ? "" : " "
        + end.getErrorDetails());
  }
}
