package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapshotPlannerTest {

  private static final String SOURCE = "http://source:19530";
  private static final Function<CollectionName, CollectionResume> FRESH = name -> CollectionResume.fresh();

  private final InMemoryCatalog catalog = new InMemoryCatalog()
      .collection("default", "other", 1, true)
      .collection("shop", "books", 120, true)
      .collection("shop", "authors", 7, false)
      .collection("shop", "empty", 0, true);

  @Test
  void unknownDatabaseFailsWithOneSentenceNamingTheExistingOnes() {
    assertThatThrownBy(() -> planner(InstanceOwnership.single()).plan(job("library", List.of())))
        .isInstanceOf(JobFailure.class)
        .hasMessage("Database 'library' does not exist on the source http://source:19530: check the name;"
            + " the source has 'default', 'shop'.");
  }

  @Test
  void unknownCollectionsAreAllNamedInOneSentence() {
    assertThatThrownBy(() -> planner(InstanceOwnership.single()).plan(job("shop", List.of("books", "pens", "ink"))))
        .isInstanceOf(JobFailure.class)
        .hasMessage("Collections 'pens', 'ink' do not exist in database 'shop' on the source http://source:19530:"
            + " check the names; the database has 'authors', 'books', 'empty'.");
  }

  @Test
  void oneUnknownCollectionIsNamedInTheFailure() {
    JobFailure failure = catchFailure(() -> planner(InstanceOwnership.single()).plan(job("shop", List.of("pens"))));

    assertThat(failure.getMessage()).startsWith("Collection 'pens' does not exist in database 'shop'");
    assertThat(failure.database()).isEqualTo("shop");
    assertThat(failure.collection()).isEqualTo("pens");
  }

  @Test
  void plansEveryCollectionOfTheDatabaseWithSchemaAndCount() {
    List<PlannedCollection> plan = planner(InstanceOwnership.single()).plan(job("shop", List.of()));

    assertThat(plan).extracting(PlannedCollection::collection).containsExactly("authors", "books", "empty");
    assertThat(plan).extracting(PlannedCollection::rowsEstimated).containsExactly(7L, 120L, 0L);
    assertThat(plan).allMatch(PlannedCollection::ownedHere);
    assertThat(plan.get(1).schema().getCollection()).isEqualTo("books");
    assertThat(plan).extracting(PlannedCollection::targetDatabase).containsOnly("shop");
  }

  @Test
  void aZeroDowntimeJobPlansEveryDatabaseUnlessItNamesOne() {
    JobSpec everything = job(null, List.of());
    everything.setMode(JobMode.ZERO_DOWNTIME);
    JobSpec shopOnly = job("shop", List.of());
    shopOnly.setMode(JobMode.ZERO_DOWNTIME);

    assertThat(planner(InstanceOwnership.single()).plan(everything)).extracting(PlannedCollection::collection)
        .containsExactly("other", "authors", "books", "empty");
    assertThat(planner(InstanceOwnership.single()).plan(shopOnly)).extracting(PlannedCollection::collection)
        .containsExactly("authors", "books", "empty");
  }

  @Test
  void namedCollectionsKeepTheirOrderAndTheTargetDatabase() {
    JobSpec spec = job("shop", List.of("empty", "books"));
    spec.setTargetDatabase("shop_copy");

    List<PlannedCollection> plan = planner(InstanceOwnership.single()).plan(spec);

    assertThat(plan).extracting(PlannedCollection::collection).containsExactly("empty", "books");
    assertThat(plan).extracting(PlannedCollection::targetDatabase).containsOnly("shop_copy");
  }

  @Test
  void aCollectionThatWasNotLoadedIsLoadedToCountAndReleasedAgain() {
    planner(InstanceOwnership.single()).plan(job("shop", List.of("authors")));

    assertThat(catalog.loadCalls).containsExactly("shop.authors");
    assertThat(catalog.releaseCalls).containsExactly("shop.authors");
    assertThat(catalog.loaded("shop", "authors")).isFalse();
    assertThat(catalog.loaded("shop", "books")).isTrue();
  }

  @Test
  void aCollectionExportedBeforeARestartIsPlannedFromItsCheckpointsWithoutALoad() {
    ExporterCheckpoint done = ExporterCheckpoint.newBuilder().setJobId("job-1").setDatabase("shop")
        .setCollection("authors").setPartition("_default").setSnapshotTs(777L).setLastPk(7L).setNextChunk(1)
        .setRowsRead(7).setDone(true).build();
    Function<CollectionName, CollectionResume> resumes = name -> name.collection().equals("authors")
        ? CollectionResume.of(List.of(done)) : CollectionResume.fresh();

    List<PlannedCollection> plan = new SnapshotPlanner(catalog, retry(), InstanceOwnership.single(), SOURCE, resumes)
        .plan(job("shop", List.of("authors", "books")));

    assertThat(plan).extracting(PlannedCollection::rowsEstimated).containsExactly(7L, 120L);
    assertThat(plan.get(0).schema().getCollection()).isEqualTo("authors");
    assertThat(catalog.loadCalls).isEmpty();
    assertThat(catalog.releaseCalls).isEmpty();
  }

  @Test
  void instancesSplitTheCollectionsAndEachPublishesTheFullPlan() {
    InMemoryCatalog many = new InMemoryCatalog();
    IntStream.range(0, 30).forEach(i -> many.collection("big", "c" + i, i, true));
    JobSpec spec = job("big", List.of());

    List<List<PlannedCollection>> plans = IntStream.range(0, 3)
        .mapToObj(index -> new SnapshotPlanner(many, retry(), new InstanceOwnership(index, 3), SOURCE, FRESH).plan(spec))
        .toList();

    plans.forEach(plan -> assertThat(plan).hasSize(30));
    List<String> owned = plans.stream().flatMap(plan -> plan.stream().filter(PlannedCollection::ownedHere))
        .map(PlannedCollection::collection).toList();
    assertThat(owned).hasSize(30).doesNotHaveDuplicates();
    assertThat(plans).allSatisfy(plan -> assertThat(plan.stream().filter(PlannedCollection::ownedHere)).isNotEmpty());
    List<Long> countsInNameOrder = IntStream.range(0, 30).mapToObj(i -> "c" + i).sorted()
        .map(name -> Long.parseLong(name.substring(1))).toList();
    plans.forEach(plan -> assertThat(plan).extracting(PlannedCollection::rowsEstimated)
        .containsExactlyElementsOf(countsInNameOrder));
  }

  @Test
  void anotherInstancesCollectionThatIsNotLoadedIsLeftAloneWithUnknownRows() {
    InstanceOwnership notOwner = IntStream.range(0, 2).mapToObj(i -> new InstanceOwnership(i, 2))
        .filter(ownership -> !ownership.owns(new CollectionName("shop", "authors"))).findFirst().orElseThrow();

    PlannedCollection authors = new SnapshotPlanner(catalog, retry(), notOwner, SOURCE, FRESH)
        .plan(job("shop", List.of("authors"))).get(0);

    assertThat(authors.ownedHere()).isFalse();
    assertThat(authors.rowsEstimated()).isEqualTo(PlannedCollection.UNKNOWN_ROWS);
    assertThat(catalog.loadCalls).isEmpty();
  }

  private SnapshotPlanner planner(InstanceOwnership ownership) {
    return new SnapshotPlanner(catalog, retry(), ownership, SOURCE, FRESH);
  }

  private static Retry retry() {
    return new Retry(Duration.ZERO, new StopSignal(), () -> { });
  }

  private static JobFailure catchFailure(Runnable action) {
    try {
      action.run();
    } catch (JobFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an JobFailure");
  }

  static JobSpec job(String database, List<String> collections) {
    return JobSpec.newBuilder().setJobId("job-1").setMode(JobMode.OFFLINE).setDatabase(database)
        .setCollections(collections).setSourceLabel(SOURCE).setTargetLabel("http://target:19530")
        .setSubmittedAt(0).build();
  }
}
