package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.MilvusEndpoint;

/** Opens sessions to Milvus servers. */
public final class MilvusConnector {

  private MilvusConnector() {}

  /**
   * Connects and checks the server answers with the given credentials: an unreachable address,
   * a TLS mismatch or refused credentials fail here with a clear {@link MilvusAccessException}.
   */
  public static MilvusSession connect(MilvusEndpoint endpoint) {
    throw new UnsupportedOperationException("being implemented");
  }
}
