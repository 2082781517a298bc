package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's gRPC server: every call it receives goes to the source unchanged. Its keepalive
 * policy is the Milvus server's (clients may ping every 5 s, also between calls), so that clients
 * tuned for Milvus, such as pymilvus, are not disconnected for pinging too often.
 */
public final class PassThroughServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PassThroughServer.class);
  private static final long STOP_SECONDS = 10;
  /** The header size Milvus's gRPC server (grpc-go) accepts by default, both ways. */
  static final int MAX_METADATA_SIZE = 16 * 1024 * 1024;

  private final Server server;
  private final List<ManagedChannel> channels;
  private final ChangeLog changes;
  private final WriteGate gate;
  private Ticker ticker;
  private CutoverCommands cutovers;
  private final CountDownLatch fenced = new CountDownLatch(1);

  private PassThroughServer(Server server, List<ManagedChannel> channels, ChangeLog changes, WriteGate gate) {
    this.server = server;
    this.channels = channels;
    this.changes = changes;
    this.gate = gate;
  }

  /**
   * Listens as the config says and forwards to its source until closed, recording each acknowledged
   * write in Kafka before the application gets the answer and counting them.
   */
  public static PassThroughServer start(ProxyConfig config, MeterRegistry registry) {
    return start(config, registry, config.standby());
  }

  /** As {@link #start(ProxyConfig, MeterRegistry)}, standing by first when {@code standby}. */
  static PassThroughServer start(ProxyConfig config, MeterRegistry registry, boolean standby) {
    WriteCounts counts = new WriteCounts(registry);
    return startRecording(config, counts, counts::unreadable, standby);
  }

  /**
   * Listens as the config says and forwards to its source until closed; each write the source
   * acknowledged is recorded in the proxy's topic ({@link ProxyConfig#changesTopic()}) and then shown
   * to {@code observer}, before the application gets the answer.
   *
   * @param unreadable told of each acknowledged write that could not be read
   * @throws IllegalStateException when the proxy cannot listen or Kafka cannot be reached
   */
  public static PassThroughServer startRecording(ProxyConfig config, Consumer<AcknowledgedWrite> observer,
      Runnable unreadable) {
    return startRecording(config, observer, unreadable, config.standby());
  }

  private static PassThroughServer startRecording(ProxyConfig config, Consumer<AcknowledgedWrite> observer,
      Runnable unreadable, boolean standby) {
    checkListenAddress(config);
    KafkaClients clients = config.kafka().clients();
    ProxyClock clock = new ProxyClock(Clock.systemUTC());
    AtomicReference<PassThroughServer> serving = new AtomicReference<>();
    ChangeLog changes = takeOver(config, standby, clients, clock, () -> stepDown(config, serving));
    Intents intents = new Intents(changes);
    CutoverOutcome outcome;
    try {
      long firstOwn = changes.mark();
      OpenIntents earlier = IntentRecovery.read(clients, config.changesTopic(), "capture-proxy-" + config.sourceId(),
          firstOwn);
      changes.continueAfter(earlier);
      intents.settleEarlier(earlier.open());
      // Read after this instance fenced every earlier one, so no switch can be committed after the read.
      outcome = CutoverState.read(clients, config.stateTopic());
    } catch (RuntimeException e) {
      changes.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
    ManagedChannel source = SourceChannel.open(config.source(), config.maxResponseSize());
    ManagedChannel target = config.target().map(t -> SourceChannel.open(t, config.maxResponseSize())).orElse(null);
    List<ManagedChannel> channels = target == null ? List.of(source) : List.of(source, target);
    Upstream upstream = outcome.switchedBy().isPresent()
        ? switchedBefore(config, outcome, target, channels, changes)
        : new Upstream(recordingRoute(config, source, clock, changes, intents, observer, unreadable));
    WriteGate gate = new WriteGate();
    outcome.open().ifPresent(job -> {
      log.warn("The cutover of job {} was left open by an earlier instance: holding the writes and carrying it on.",
          job);
      gate.hold();
    });
    PassThroughServer proxy = serve(config, upstream, gate, channels, changes);
    proxy.ticker = Ticker.start(changes, intents, config.tickInterval());
    JobTopics jobs = new JobTopics(clients, config.topics(), "capture-proxy-" + config.sourceId());
    Cutover cutover = new Cutover(gate, clock, upstream, new Cutover.Target(target, config.target()
        .map(MilvusEndpoint::label).orElse("(none)")), changes, jobs, config.sourceId(), config.maxHold(),
        Clock.systemUTC());
    try {
      proxy.cutovers = CutoverCommands.start(jobs, config.sourceId(), cutover::run,
          () -> outcome.open().ifPresent(cutover::resume));
    } catch (RuntimeException e) {
      closeQuietly(proxy);
      throw new IllegalStateException("Cannot follow " + config.topics().control() + " for cutovers: "
          + e.getMessage(), e);
    }
    serving.set(proxy);
    return proxy;
  }

  /** To the source, each write ordered, its intent and change recorded before the application is answered. */
  private static Upstream.Route recordingRoute(ProxyConfig config, ManagedChannel source, ProxyClock clock,
      ChangeLog changes, Intents intents, Consumer<AcknowledgedWrite> observer, Runnable unreadable) {
    SourceCalls calls = new SourceCalls(source, config.recordTimeout());
    KafkaRecorder kafka = new KafkaRecorder(calls, changes);
    WriteRecorder recorder = (write, headers, intent, described) -> {
      kafka.record(write, headers, intent, described);
      observer.accept(write);
    };
    return new Upstream.Route(source, new WriteOrder(calls, clock), intents,
        new AcknowledgedWrites(recorder, unreadable));
  }

  /**
   * An earlier cutover switched this source's proxy to the target: it serves the target, recording
   * nothing, and never the source again.
   */
  private static Upstream switchedBefore(ProxyConfig config, CutoverOutcome outcome, ManagedChannel target,
      List<ManagedChannel> channels, ChangeLog changes) {
    String by = outcome.switchedBy().orElseThrow().getJobId();
    String to = outcome.switchedBy().orElseThrow().getDetail();
    if (target == null) {
      channels.forEach(ManagedChannel::shutdownNow);
      changes.close();
      throw new IllegalStateException("The cutover of job " + by + " switched the proxy for source '"
          + config.sourceId() + "' to the target " + to + ", and it never serves the source again: set target.uri"
          + " to that target.");
    }
    log.info("The cutover of job {} switched source '{}' to the target {}: serving {}, recording nothing.", by,
        config.sourceId(), to, config.target().orElseThrow());
    return Upstream.onTarget(target);
  }

  private static void closeQuietly(PassThroughServer proxy) {
    try {
      proxy.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Becomes the one instance that records the source's writes: a standby first waits until the
   * serving instance falls silent; the producer's transactional id then fences every earlier one.
   */
  private static ChangeLog takeOver(ProxyConfig config, boolean standby, KafkaClients clients, ProxyClock clock,
      Runnable fenced) {
    try {
      config.kafka().provisioner(clients).ensureSharedTopics();
      config.kafka().provisioner(clients).ensureProxyTopics(config.sourceId());
      if (standby) {
        Takeover.await(clients, config.changesTopic(), config.takeoverAfter(), Clock.systemUTC());
      }
      return new ChangeLog(clients.transactionalProducer(ProxyChange.class, config.transactionalId(),
          config.recordTimeout()), config.changesTopic(), config.stateTopic(), config.recordTimeout(), firstSequence(),
          clock, fenced);
    } catch (RuntimeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Another instance took over: this one stops serving, so that its applications go to the new one. */
  private static void stepDown(ProxyConfig config, AtomicReference<PassThroughServer> serving) {
    log.error("Another capture-proxy instance for source '{}' took over (fenced this one's producer); this one stops"
        + " serving (the service stands by again).", config.sourceId());
    PassThroughServer proxy = serving.get();
    if (proxy != null) {
      Thread stop = new Thread(proxy::stopServing, "capture-proxy-step-down");
      stop.setDaemon(true);
      stop.start();
    }
  }

  /** Whether another instance took over, so that this one stopped serving. */
  public boolean fenced() {
    return fenced.getCount() == 0;
  }

  /** Waits until another instance took over and this one stopped serving. */
  void awaitFenced() throws InterruptedException {
    fenced.await();
  }

  private void stopServing() {
    if (cutovers != null) {
      cutovers.close();
    }
    if (ticker != null) {
      ticker.close();
    }
    server.shutdownNow();
    fenced.countDown();
  }


  /**
   * Forwards without ordering or recording: each write the source acknowledged goes to {@code writes}
   * before the application gets the answer (for tests of the pass-through itself).
   */
  static PassThroughServer start(ProxyConfig config, Consumer<AcknowledgedWrite> writes, Runnable unreadable) {
    ManagedChannel source = SourceChannel.open(config.source(), config.maxResponseSize());
    Upstream upstream = new Upstream(new Upstream.Route(source, null, null,
        new AcknowledgedWrites(WriteRecorder.observing(writes), unreadable)));
    return serve(config, upstream, new WriteGate(), List.of(source), null);
  }

  /**
   * Change numbers of a run start at the start time in microseconds, or above the highest number in
   * the topic, so that they stay above those of every earlier run of the proxy.
   */
  private static long firstSequence() {
    return System.currentTimeMillis() * 1000;
  }

  private static PassThroughServer serve(ProxyConfig config, Upstream upstream, WriteGate gate,
      List<ManagedChannel> channels, ChangeLog changes) {
    try {
      Server server = NettyServerBuilder.forAddress(config.listen(), credentials(config))
          .fallbackHandlerRegistry(new AnyMethod(new CallForwarder(upstream, gate)))
          .maxInboundMessageSize(config.maxRequestSize())
          .maxInboundMetadataSize(MAX_METADATA_SIZE)
          .permitKeepAliveTime(5, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .build()
          .start();
      log.info("Forwarding the Milvus API from port {} to {}", server.getPort(),
          upstream.onTarget() ? config.target().orElseThrow() : config.source());
      return new PassThroughServer(server, channels, changes, gate);
    } catch (IOException | RuntimeException e) {
      channels.forEach(ManagedChannel::shutdownNow);
      if (changes != null) {
        changes.close();
      }
      throw cannotListen(config, e);
    }
  }

  /**
   * Fails at once when the port is taken, before the proxy spends time on Kafka (taking over,
   * reading its topic), after which it binds the port for good.
   */
  private static void checkListenAddress(ProxyConfig config) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(config.listen());
    } catch (IOException e) {
      throw cannotListen(config, e);
    }
  }

  private static IllegalStateException cannotListen(ProxyConfig config, Exception e) {
    InetSocketAddress listen = config.listen();
    return new IllegalStateException("Cannot listen on " + listen.getHostString() + ":" + listen.getPort() + " ("
        + e.getMessage() + "); check proxy.listen and that no other process uses the port.", e);
  }

  /** How many calls wait at the write gate of a cutover now. */
  int heldCalls() {
    return gate.waiting();
  }

  /** The port it listens on (the one chosen when the config names port 0). */
  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets those under way finish for up to 10 s, then closes the connection to the source. */
  @Override
  public void close() throws InterruptedException {
    if (cutovers != null) {
      cutovers.close();
    }
    if (ticker != null) {
      ticker.close();
    }
    server.shutdown();
    if (!server.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
    for (ManagedChannel channel : channels) {
      channel.shutdown();
      if (!channel.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    }
    if (changes != null) {
      changes.close();
    }
  }

  private static ServerCredentials credentials(ProxyConfig config) {
    return config.tls().map(tls -> {
      try {
        return TlsServerCredentials.create(new File(tls.certChainPath()), new File(tls.keyPath()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the proxy's TLS files: " + e.getMessage(), e);
      }
    }).orElseGet(InsecureServerCredentials::create);
  }
}
