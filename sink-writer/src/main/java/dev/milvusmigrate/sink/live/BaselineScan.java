package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.KeySampler;
import dev.milvusmigrate.verification.KeyStreamComparator;
import dev.milvusmigrate.verification.PrefetchingKeys;
import dev.milvusmigrate.verification.PrimaryKeyOrder;
import dev.milvusmigrate.verification.PrimaryKeyScan;
import dev.milvusmigrate.verification.SampleSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The baseline of a live verification for one collection: the (partition, key) pairs of source and
 * target, read in one ascending key scan of each side per compared partition ({@link
 * PartitionLayout}) while the job syncs, and kept in memory. Keys the two scans disagree on and a
 * sample of common keys (random plus highest) are handed back to be compared entity by entity.
 */
final class BaselineScan {

  /**
   * The keys of both sides, the keys the scans disagree on, and the sampled keys whose entities are
   * compared field by field at cutover.
   */
  record Result(PartitionedKeys source, PartitionedKeys target, List<Object> differences, List<Object> sample,
      long at) {

    static Result empty() {
      return new Result(new PartitionedKeys(), new PartitionedKeys(), List.of(), List.of(), 0);
    }
  }

  /**
   * The MVCC timestamps both sides are read at, so that the scans neither wait on a moving
   * strong-consistency timestamp nor chase keys written while they run.
   */
  record Timestamps(long source, long target) {}

  /**
   * Thrown when the scan stops: it would keep more keys than its limit, or {@code stopped} said so;
   * the keys it read are dropped.
   */
  static final class Abandoned extends RuntimeException {
    Abandoned(String reason) {
      super(reason, null, false, false);
    }
  }

  static final Duration MEANWHILE = Duration.ofMillis(500);
  static final int CAUGHT_UP = PrimaryKeyScan.PAGE_SIZE;

  private final MilvusSession source;
  private final MilvusSession target;
  private final SampleSize sampleSize;
  private final Random random;

  BaselineScan(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random) {
    this.source = source;
    this.target = target;
    this.sampleSize = sampleSize;
    this.random = random;
  }

  /**
   * @param layout   the partitions to scan one by one
   * @param asOf     the timestamps to read each side at
   * @param keysLeft how many more keys may be kept in memory
   * @param stopped  checked at every key, to give up at once (the verification stops, or the
   *     collection was left to the full verification meanwhile)
   * @param meanwhile run about every {@link #MEANWHILE} while the scan goes on
   * @param changedSince whether a key changed after the scan began (and so is compared anyway)
   */
  Result scan(CollectionSchema schema, String targetDatabase, PartitionLayout layout, Timestamps asOf, long keysLeft,
      BooleanSupplier stopped, Runnable meanwhile, Predicate<Object> changedSince) {
    String pk = CollectionVerifier.primaryKeyField(schema);
    long at = System.currentTimeMillis();
    PartitionedKeys sourceKeys = new PartitionedKeys();
    PartitionedKeys targetKeys = new PartitionedKeys();
    KeySampler sampler = new KeySampler(sampleSize, random);
    Guard guard = new Guard(keysLeft, stopped, meanwhile, changedSince);
    List<Object> differences = new ArrayList<>();
    CollectionName sourceName = new CollectionName(schema.getDatabase(), schema.getCollection());
    for (String partition : layout.compared()) {
      try (PrefetchingKeys fromSource = new PrefetchingKeys(layout.inSource(partition)
              ? new PrimaryKeyScan(source.reader(), sourceName, partition, pk, asOf.source())
              : Collections.emptyIterator(), "baseline-source");
          PrefetchingKeys fromTarget = new PrefetchingKeys(layout.inTarget(partition)
              ? new PrimaryKeyScan(target.reader(), sourceName.in(targetDatabase), partition, pk,
                  asOf.target()) : Collections.emptyIterator(), "baseline-target")) {
        guard.nextPartition();
        new KeyStreamComparator(0).compare(guard.source(fromSource, sourceKeys.in(partition)),
            guard.target(fromTarget, targetKeys.in(partition)), sampler);
      }
      SortedKeys.differences(sourceKeys.in(partition), targetKeys.in(partition), differences::add);
    }
    return new Result(sourceKeys, targetKeys, differences, sampler.sample(), at);
  }

  /**
   * Watches both key streams of a scan: keeps their keys, runs {@code meanwhile}, gives up when
   * stopped or over the key limit, and ends the scan early once {@link #CAUGHT_UP} source keys in a
   * row changed after the scan began: the scan has then reached keys written since (the end of an
   * ascending key space that writers keep extending), which the live verification compares anyway.
   * Ending early is safe: an unchanged key the scan did not reach makes the counts at cutover
   * disagree with the derived distinct keys, and the collection gets the full verification.
   */
  private static final class Guard {
    private final long keysLeft;
    private final BooleanSupplier stopped;
    private final Runnable meanwhile;
    private final Predicate<Object> changedSince;
    private long kept;
    private long lastRun = System.nanoTime();
    private int changedInARow;
    private Object bound;

    Guard(long keysLeft, BooleanSupplier stopped, Runnable meanwhile, Predicate<Object> changedSince) {
      this.keysLeft = keysLeft;
      this.stopped = stopped;
      this.meanwhile = meanwhile;
      this.changedSince = changedSince;
    }

    /** Each partition's key space is scanned, and ended early, on its own. */
    void nextPartition() {
      bound = null;
      changedInARow = 0;
    }

    /** The source side: ends where the keys changed since the scan began take over. */
    Iterator<Object> source(Iterator<Object> keys, SortedKeys into) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return bound == null && keys.hasNext();
        }

        @Override
        public Object next() {
          Object key = kept(keys.next(), into);
          changedInARow = changedSince.test(key) ? changedInARow + 1 : 0;
          if (changedInARow >= CAUGHT_UP) {
            bound = key;
          }
          return key;
        }
      };
    }

    /** The target side: ends at the key where the source side ended. */
    Iterator<Object> target(Iterator<Object> keys, SortedKeys into) {
      return new Iterator<>() {
        private Object peeked;

        @Override
        public boolean hasNext() {
          if (peeked == null && keys.hasNext()) {
            peeked = keys.next();
          }
          return peeked != null && (bound == null || PrimaryKeyOrder.INSTANCE.compare(peeked, bound) <= 0);
        }

        @Override
        public Object next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Object key = peeked;
          peeked = null;
          return kept(key, into);
        }
      };
    }

    private Object kept(Object key, SortedKeys into) {
      into.add(key);
      if (++kept > keysLeft) {
        throw new Abandoned("its key scan would keep more than the " + keysLeft + " primary keys left in memory");
      }
      if (stopped.getAsBoolean()) {
        throw new Abandoned("its key scan was stopped");
      }
      if (System.nanoTime() - lastRun > MEANWHILE.toNanos()) {
        meanwhile.run();
        lastRun = System.nanoTime();
      }
      return key;
    }
  }
}
