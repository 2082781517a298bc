package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;

/**
 * Whether a collection can be read on both sides now, as a live check must: loaded on the target,
 * and on the source, where a released collection is loaded for the check ({@link SourceLoads}).
 */
final class LoadedCollections implements AutoCloseable {

  private final MilvusCatalog target;
  private final SourceLoads sourceLoads;

  LoadedCollections(MilvusCatalog source, MilvusCatalog target, boolean loadReleased) {
    this.target = target;
    this.sourceLoads = new SourceLoads(source, loadReleased);
  }

  boolean readable(CollectionSchema schema, String targetDatabase) {
    return target.isLoaded(new CollectionName(targetDatabase, schema.getCollection()))
        && sourceLoads.ensureLoaded(new CollectionName(schema.getDatabase(), schema.getCollection()));
  }

  /** Releases the source collections loaded for the checks: the source's load state ends as it began. */
  @Override
  public void close() {
    sourceLoads.close();
  }
}
