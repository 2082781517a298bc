package dev.milvusmigrate.milvus;

import io.milvus.shaded.io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@link MilvusSession} over one gRPC channel. */
final class GrpcMilvusSession implements MilvusSession {

  private final ManagedChannel channel;
  private final ServerInfo server;
  private final MilvusCatalog catalog;
  private final ColumnarReader reader;
  private final ColumnarWriter writer;
  private final VectorSearch search;
  private final AccessControl accessControl;

  GrpcMilvusSession(ManagedChannel channel, GrpcCalls calls, ServerInfo server, Duration waitTimeout) {
    this.channel = channel;
    this.server = server;
    this.catalog = new GrpcCatalog(calls, server, waitTimeout);
    CollectionInfos infos = new CollectionInfos(catalog, calls.serverLabel());
    this.reader = new GrpcColumnarReader(calls, infos, server);
    this.writer = new GrpcColumnarWriter(calls, infos, server);
    this.search = new GrpcVectorSearch(calls);
    this.accessControl = new GrpcAccessControl(calls);
  }

  @Override
  public ServerInfo server() {
    return server;
  }

  @Override
  public MilvusCatalog catalog() {
    return catalog;
  }

  @Override
  public ColumnarReader reader() {
    return reader;
  }

  @Override
  public ColumnarWriter writer() {
    return writer;
  }

  @Override
  public VectorSearch search() {
    return search;
  }

  @Override
  public AccessControl accessControl() {
    return accessControl;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
