package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.UnreadableWrite;
import dev.milvusmigrate.milvus.api.WriteRequest;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;

/**
 * Orders the writes of each collection before they are forwarded (docs/ARCHITECTURE.md, "Order per
 * key"): an insert or upsert locks its primary keys (an auto-id insert none), a delete locks its
 * collection and learns from the source which keys its filter matches, so that the keys it removes
 * are known exactly. The locks are held until the write's record was appended; so is the write's
 * place among the writes in flight, which holds the proxy's watermark back ({@link ProxyClock}).
 */
final class WriteOrder {

  /**
   * Milvus's query result window (offset + limit at most 16,384; Milvus 2.3.5 refuses a larger
   * limit): a delete by filter must match fewer, so that a full window says there may be more.
   */
  static final long QUERY_WINDOW = 16_384;

  private final KeyLocks locks = new KeyLocks();
  private final SourceCalls source;
  private final ProxyClock clock;

  WriteOrder(SourceCalls source, ProxyClock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * What a write holds while it runs: its locks; for a delete, the keys it removes; its intent when
   * the proxy can name what it may change; the collection's schema as the source described it for
   * the write (read once, also for recording it); and what ends it on the proxy's clock.
   */
  record Ordered(KeyLocks.Held locks, Optional<WalKeys> deleteKeys, Optional<Intent> intent,
      Optional<CollectionSchema> schema, Runnable ended) {
    static final Ordered UNORDERED =
        new Ordered(() -> { }, Optional.empty(), Optional.empty(), Optional.empty(), () -> { });

    private Ordered endedBy(Runnable end) {
      return new Ordered(locks, deleteKeys, intent, schema, end);
    }
  }

  /** A write the proxy does not forward, with the status the application gets instead. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Status status;

    Refused(Status status) {
      super(status.getDescription());
      this.status = status;
    }
  }

  /**
   * Takes the write's locks, waiting for the writes it conflicts with. A request the source cannot
   * take either (unreadable, or naming a collection the source does not describe) is forwarded
   * unordered so that the application gets the source's own error.
   *
   * @throws Refused when the source cannot be asked, or a filter delete matches too many entities
   */
  Ordered order(String method, Metadata headers, String dbname, byte[] request) throws InterruptedException {
    long start = clock.started();
    try {
      return orderInFlight(method, headers, dbname, request).endedBy(() -> clock.ended(start));
    } catch (InterruptedException | RuntimeException e) {
      clock.ended(start);
      throw e;
    }
  }

  private static Intent intent(WriteRequest write, String primaryKey, Optional<WalKeys> keys, int rows) {
    return new Intent(write.database(), write.collection(), write.partition(), primaryKey, keys, rows);
  }

  private Ordered orderInFlight(String method, Metadata headers, String dbname, byte[] request)
      throws InterruptedException {
    WriteRequest write;
    CollectionSchema schema;
    try {
      write = WriteRequest.read(method, dbname, request);
      schema = source.describe(headers, write.database(), write.collection());
    } catch (UnreadableWrite e) {
      return Ordered.UNORDERED;
    } catch (IllegalStateException e) {
      throw new Refused(Status.UNAVAILABLE.withDescription("The capture-proxy did not forward this write because "
          + e.getMessage() + "; nothing was written: write it again."));
    }
    String collection = write.database() + "." + write.collection();
    String primaryKey = ChangeRecords.primaryKey(schema);
    if (write.filter().isEmpty()) {
      Optional<WalKeys> keys = write.keys(primaryKey);
      return new Ordered(locks.lockKeys(collection, keys.<List<?>>map(WalKeys::values).orElse(List.of())),
          Optional.empty(), Optional.of(intent(write, primaryKey, keys, write.rows())), Optional.of(schema), () -> { });
    }
    KeyLocks.Held held = locks.lockCollection(collection);
    try {
      // In every partition, not only the one the request names: Milvus Lite 3 deletes the keys
      // everywhere; where the source deletes in one partition only, the record names it.
      WalKeys matching = source.matching(headers, schema, write.filter().get(), QUERY_WINDOW);
      if (matching.size() >= QUERY_WINDOW) {
        throw new Refused(Status.FAILED_PRECONDITION.withDescription("The capture-proxy forwards a delete that"
            + " removes fewer than " + QUERY_WINDOW + " entities, and this one matches as many or more in "
            + write.collection() + "; nothing was deleted: delete in smaller parts."));
      }
      return new Ordered(held, Optional.of(matching),
          Optional.of(intent(write, primaryKey, Optional.of(matching), matching.size())), Optional.of(schema),
          () -> { });
    } catch (UnreadableWrite e) {
      // The source refused the query (a bad expression, say): it will refuse the delete alike, in its own words.
      return new Ordered(held, Optional.empty(), Optional.empty(), Optional.of(schema), () -> { });
    } catch (IllegalStateException e) {
      held.close();
      throw new Refused(Status.UNAVAILABLE.withDescription("The capture-proxy did not forward this delete because "
          + e.getMessage() + "; nothing was deleted: delete again."));
    } catch (Refused e) {
      held.close();
      throw e;
    }
  }
}
