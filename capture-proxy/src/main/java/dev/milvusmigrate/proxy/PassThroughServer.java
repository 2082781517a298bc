package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
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
  private final ManagedChannel source;

  private PassThroughServer(Server server, ManagedChannel source) {
    this.server = server;
    this.source = source;
  }

  /** Listens as the config says and forwards to its source until closed, counting the acknowledged writes. */
  public static PassThroughServer start(ProxyConfig config, MeterRegistry registry) {
    WriteCounts counts = new WriteCounts(registry);
    return start(config, counts, counts::unreadable);
  }

  /**
   * Listens as the config says and forwards to its source until closed; each write the source
   * acknowledged goes to {@code writes} before the application gets the answer.
   *
   * @param unreadable told of each acknowledged write that could not be read
   */
  public static PassThroughServer start(ProxyConfig config, Consumer<AcknowledgedWrite> writes, Runnable unreadable) {
    ManagedChannel source = SourceChannel.open(config.source(), config.maxResponseSize());
    try {
      Server server = NettyServerBuilder.forAddress(config.listen(), credentials(config))
          .fallbackHandlerRegistry(new AnyMethod(new CallForwarder(source, new AcknowledgedWrites(writes, unreadable))))
          .maxInboundMessageSize(config.maxRequestSize())
          .maxInboundMetadataSize(MAX_METADATA_SIZE)
          .permitKeepAliveTime(5, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .build()
          .start();
      log.info("Forwarding the Milvus API from port {} to {}", server.getPort(), config.source());
      return new PassThroughServer(server, source);
    } catch (IOException | RuntimeException e) {
      source.shutdownNow();
      InetSocketAddress listen = config.listen();
      throw new IllegalStateException("Cannot listen on " + listen.getHostString() + ":" + listen.getPort() + " ("
          + e.getMessage() + "); check proxy.listen and that no other process uses the port.", e);
    }
  }

  /** The port it listens on (the one chosen when the config names port 0). */
  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets those under way finish for up to 10 s, then closes the connection to the source. */
  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
    source.shutdown();
    if (!source.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
      source.shutdownNow();
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
