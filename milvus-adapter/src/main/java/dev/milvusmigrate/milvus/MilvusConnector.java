package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import io.milvus.shaded.io.grpc.ManagedChannel;
import java.time.Duration;

/** Opens sessions to Milvus servers. */
public final class MilvusConnector {

  /** Deadline of each call unless the caller gives one. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CONNECT_CHECK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TLS_PROBE_TIMEOUT = Duration.ofSeconds(3);

  private MilvusConnector() {}

  /**
   * Connects and checks the server answers with the given credentials: an unreachable address,
   * a TLS mismatch or refused credentials fail here with a clear {@link MilvusAccessException}.
   */
  public static MilvusSession connect(MilvusEndpoint endpoint) {
    return connect(endpoint, DEFAULT_CALL_TIMEOUT);
  }

  /** As {@link #connect(MilvusEndpoint)}, with the deadline of every later call. */
  public static MilvusSession connect(MilvusEndpoint endpoint, Duration callTimeout) {
    return connect(endpoint, callTimeout, CONNECT_CHECK_TIMEOUT);
  }

  /** As {@link #connect(MilvusEndpoint)}, giving up on a server that does not answer within {@code connectTimeout}. */
  public static MilvusSession connectWithin(MilvusEndpoint endpoint, Duration connectTimeout) {
    return connect(endpoint, DEFAULT_CALL_TIMEOUT, connectTimeout);
  }

  private static MilvusSession connect(MilvusEndpoint endpoint, Duration callTimeout, Duration connectTimeout) {
    ManagedChannel channel = GrpcChannels.open(endpoint);
    try {
      GrpcCalls calls = new GrpcCalls(channel, GrpcChannels.authorization(endpoint), endpoint.label(), callTimeout);
      ServerInfo server = ServerProbe.probe(calls.withTimeout(connectTimeout));
      return new GrpcMilvusSession(channel, calls, server, WAIT_TIMEOUT);
    } catch (MilvusAccessException e) {
      channel.shutdownNow();
      throw plaintextAgainstTls(endpoint, e);
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw e;
    }
  }

  /** A plaintext client that a TLS-only server dropped is told to use https://, not to check the address. */
  private static MilvusAccessException plaintextAgainstTls(MilvusEndpoint endpoint, MilvusAccessException failure) {
    if (failure.kind() != MilvusAccessException.Kind.UNREACHABLE || endpoint.tls().enabled()
        || !TlsListenerProbe.answersTls(endpoint.host(), endpoint.port(), TLS_PROBE_TIMEOUT)) {
      return failure;
    }
    String address = endpoint.host() + ":" + endpoint.port();
    return new MilvusAccessException(MilvusAccessException.Kind.UNREACHABLE, "Milvus at " + endpoint.label()
        + " accepts only TLS connections: use https://" + address + " (with its CA certificate if this machine"
        + " does not trust the server's certificate).", failure);
  }
}
