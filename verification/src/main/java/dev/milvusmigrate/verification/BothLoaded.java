package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.concurrent.OwnThread;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.TemporaryLoad;
import java.util.concurrent.CompletableFuture;

/**
 * The source and target collections made queryable at once ({@link TemporaryLoad} each, the target's
 * on another thread: each load mostly waits for its own server), and both left as they were on
 * {@link #close()}. A load that fails releases what the other one loaded before the failure is thrown.
 */
final class BothLoaded implements AutoCloseable {

  private final TemporaryLoad source;
  private final TemporaryLoad target;

  private BothLoaded(TemporaryLoad source, TemporaryLoad target) {
    this.source = source;
    this.target = target;
  }

  static BothLoaded load(MilvusCatalog sourceCatalog, CollectionName sourceName, MilvusCatalog targetCatalog,
      CollectionName targetName) {
    CompletableFuture<TemporaryLoad> targetLoad = CompletableFuture.supplyAsync(
        () -> TemporaryLoad.ensureLoaded(targetCatalog, targetName),
        OwnThread.named(Thread.currentThread().getName() + "-load"));
    TemporaryLoad source;
    try {
      source = TemporaryLoad.ensureLoaded(sourceCatalog, sourceName);
    } catch (RuntimeException e) {
      targetLoad.thenAccept(TemporaryLoad::close);
      throw e;
    }
    try {
      return new BothLoaded(source, CollectionVerifier.joined(targetLoad));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try (TemporaryLoad s = source; TemporaryLoad t = target) {
      // both restored, the target first
    }
  }
}
