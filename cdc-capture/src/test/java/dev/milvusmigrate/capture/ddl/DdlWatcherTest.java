package dev.milvusmigrate.capture.ddl;

import static dev.milvusmigrate.capture.ddl.Views.collection;
import static dev.milvusmigrate.capture.ddl.Views.schema;
import static dev.milvusmigrate.capture.ddl.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DdlWatcherTest {

  private static final Duration INTERVAL = Duration.ofMillis(10);
  private static final SourceCatalogView BEFORE = view(collection(schema("books", 11L)));
  private static final SourceCatalogView RENAMED = view(collection(schema("novels", 11L)));

  private final List<DdlViolation> reported = new CopyOnWriteArrayList<>();
  private final ScriptedSource source = new ScriptedSource();
  private final DdlWatcher watcher = new DdlWatcher(source, INTERVAL, violation -> true, reported::add);

  @AfterEach
  void close() {
    watcher.close();
  }

  @Test
  void theFirstViolationIsReportedOnceAndStopsTheWatch() {
    source.then(BEFORE).then(BEFORE).then(RENAMED);
    watcher.start();

    await().until(() -> !watcher.isRunning());

    assertThat(reported).extracting(DdlViolation::operation).containsExactly(DdlOperation.RENAME_COLLECTION);
    assertThat(watcher.completedPolls()).isEqualTo(2);
    assertThat(watcher.latestView()).contains(RENAMED);
  }

  @Test
  void violationsThatDoNotConcernTheJobAreNotReportedAndTheWatchGoesOn() {
    SourceCatalogView other = view(collection(schema("books", 11L)), collection(otherDatabase("films", 12L)));
    SourceCatalogView otherRenamed = view(collection(schema("books", 11L)), collection(otherDatabase("movies", 12L)));
    SourceCatalogView bothRenamed = view(collection(schema("novels", 11L)), collection(otherDatabase("movies", 12L)));
    try (DdlWatcher scoped = new DdlWatcher(source, INTERVAL, violation -> Views.DB.equals(violation.database()),
        reported::add)) {
      source.then(other).then(otherRenamed).then(bothRenamed);
      scoped.start();

      await().until(() -> !scoped.isRunning());

      assertThat(scoped.completedPolls()).isEqualTo(2);
      assertThat(reported).extracting(DdlViolation::collection).containsExactly("books");
    }
  }

  private static CollectionSchema.Builder otherDatabase(String name, long id) {
    return schema(name, id).setDatabase("other");
  }

  @Test
  void failedReadsAreRetriedAndNeverReported() {
    source.then(BEFORE).thenFail().thenFail().thenFail().then(BEFORE);
    watcher.start();

    await().until(() -> watcher.completedPolls() >= 2);

    assertThat(source.failures()).isEqualTo(3);
    assertThat(reported).isEmpty();
    assertThat(watcher.isRunning()).isTrue();
  }

  @Test
  void aChangeAfterFailedReadsIsStillSeen() {
    source.then(BEFORE).thenFail().then(RENAMED);
    watcher.start();

    await().until(() -> !watcher.isRunning());

    assertThat(reported).extracting(DdlViolation::operation).containsExactly(DdlOperation.RENAME_COLLECTION);
  }

  @Test
  void closeStopsTheWatch() {
    source.then(BEFORE);
    watcher.start();
    await().until(() -> watcher.completedPolls() >= 1);

    watcher.close();

    assertThat(watcher.isRunning()).isFalse();
    assertThat(reported).isEmpty();
  }

  @Test
  void startFailsWhenTheSourceCannotBeRead() {
    source.thenFail();

    assertThatThrownBy(watcher::start).isInstanceOf(MilvusAccessException.class).hasMessage("source unreachable");
  }

  @Test
  void theIntervalMustBePositive() {
    assertThatThrownBy(() -> new DdlWatcher(source, Duration.ZERO, violation -> true, reported::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The DDL watch interval must be positive, not PT0S.");
  }

  /** Answers the scripted reads in order, then repeats the last one. */
  private static final class ScriptedSource implements Supplier<SourceCatalogView> {

    private final ConcurrentLinkedDeque<Supplier<SourceCatalogView>> reads = new ConcurrentLinkedDeque<>();
    private final AtomicInteger failures = new AtomicInteger();

    ScriptedSource then(SourceCatalogView view) {
      reads.add(() -> view);
      return this;
    }

    ScriptedSource thenFail() {
      reads.add(() -> {
        failures.incrementAndGet();
        throw new MilvusAccessException(Kind.UNREACHABLE, "source unreachable");
      });
      return this;
    }

    int failures() {
      return failures.get();
    }

    @Override
    public SourceCatalogView get() {
      Supplier<SourceCatalogView> read = reads.size() > 1 ? reads.poll() : reads.peek();
      return read.get();
    }
  }
}
