package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import io.grpc.Metadata;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes a write the source acknowledged, before the application gets the answer; throwing makes
 * the application's call fail with UNAVAILABLE instead.
 */
@FunctionalInterface
interface WriteRecorder {

  /**
   * @param headers the application's request headers (credentials, {@code dbname})
   * @param intent the sequence of the write's intent record, or 0
   * @param described the collection's schema as the source described it for this write, if it did
   */
  void record(AcknowledgedWrite write, Metadata headers, long intent, Optional<CollectionSchema> described);

  /** A recorder that only shows each write to {@code observer}. */
  static WriteRecorder observing(Consumer<AcknowledgedWrite> observer) {
    return (write, headers, intent, described) -> observer.accept(write);
  }
}
