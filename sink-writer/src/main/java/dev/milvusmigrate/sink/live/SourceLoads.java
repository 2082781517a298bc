package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.TemporaryLoad;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source collections the live verification loaded because they were released, so that stop-sync
 * does not have to load and scan them at the cutover. They are released again when this instance
 * stops following the job (the job ended, after its verification, or another instance took the
 * verifying partition over): the source's load state ends as it began. A sink killed meanwhile
 * leaves them loaded; its restart cannot know that it loaded them.
 */
final class SourceLoads implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SourceLoads.class);

  private final MilvusCatalog source;
  private final boolean enabled;
  private final Map<CollectionName, TemporaryLoad> held = new HashMap<>();

  SourceLoads(MilvusCatalog source, boolean enabled) {
    this.source = source;
    this.enabled = enabled;
  }

  /** Whether the collection is loaded on the source now, after loading it if allowed and needed. */
  synchronized boolean ensureLoaded(CollectionName collection) {
    if (held.containsKey(collection) || source.isLoaded(collection)) {
      return true;
    }
    if (!enabled) {
      return false;
    }
    try {
      held.put(collection, TemporaryLoad.ensureLoaded(source, collection));
      return true;
    } catch (RuntimeException e) {
      log.info("Could not load {} on the source for the live verification ({}); stop-sync runs its full"
          + " verification.", collection, e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    held.values().forEach(TemporaryLoad::close);
    held.clear();
  }
}
