package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;

/**
 * The service's one session to the source, opened when the first job needs it (so a wrong
 * password fails that job with a clear sentence instead of the service) and shared by every job.
 */
final class SourceConnection implements AutoCloseable {

  private final MilvusEndpoint endpoint;
  private MilvusSession session;

  SourceConnection(MilvusEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  String label() {
    return endpoint.label();
  }

  synchronized MilvusSession session(Retry retry) {
    if (session == null) {
      session = retry.call("connect to the source " + endpoint.label(), null, null,
          () -> MilvusConnector.connect(endpoint));
    }
    return session;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
