package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.SampleSize;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the parts of one job's live verification share: the job, both servers, the settings and
 * meters, and the readers they compare with.
 *
 * @param targetDatabases the target database of each source database
 * @param collections the job's source collections as they are now
 * @param reads runs reads in parallel
 */
record LiveJob(String id, MilvusSession source, MilvusSession target, LiveSettings settings, SampleSize sampleSize,
    UnaryOperator<String> targetDatabases, Supplier<List<CollectionSchema>> collections, LiveMeters meters,
    LoadedCollections loaded, EntityCheck check, BaselineScan scans, Random random, Executor reads) {

  String targetDatabase(CollectionSchema schema) {
    return targetDatabases.apply(schema.getDatabase());
  }
}
