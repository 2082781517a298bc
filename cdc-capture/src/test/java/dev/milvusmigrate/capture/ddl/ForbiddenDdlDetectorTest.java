package dev.milvusmigrate.capture.ddl;

import static dev.milvusmigrate.capture.ddl.Views.DB;
import static dev.milvusmigrate.capture.ddl.Views.collection;
import static dev.milvusmigrate.capture.ddl.Views.field;
import static dev.milvusmigrate.capture.ddl.Views.fields;
import static dev.milvusmigrate.capture.ddl.Views.schema;
import static dev.milvusmigrate.capture.ddl.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.milvusmigrate.milvus.ImportTask;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForbiddenDdlDetectorTest {

  private static final CollectionView BOOKS = collection(schema("books", 11L));

  private final ForbiddenDdlDetector detector = new ForbiddenDdlDetector();

  @Test
  void nothingChangedIsAllowed() {
    SourceCatalogView source = view(collection(schema("books", 11L), "library"), collection(schema("songs", 12L)));

    assertThat(detector.violations(source, source)).isEmpty();
  }

  @Test
  void newDatabasesCollectionsAndPartitionsAreAllowed() {
    SourceCatalogView before = view(BOOKS);
    SourceCatalogView after = view(
        collection(schema("books", 11L).setPartitions(List.of("_default", "p2024"))),
        collection(schema("songs", 12L)),
        collection(schema("films", 13L).setDatabase("cinema")));

    assertThat(detector.violations(before, after)).isEmpty();
  }

  @Test
  void theSameIdUnderANewNameIsARename() {
    List<DdlViolation> found = detector.violations(view(BOOKS), view(collection(schema("novels", 11L))));

    assertThat(found).containsExactly(new DdlViolation(DdlOperation.RENAME_COLLECTION, DB, "books",
        "Collection shop.books was renamed to novels on the source during the zero-downtime job (RenameCollection"
            + " is not allowed while syncing): the job is failed; start a new job after the rename."));
  }

  @Test
  void aRenameIntoAnotherDatabaseNamesTheDatabase() {
    List<DdlViolation> found = detector.violations(view(BOOKS),
        view(collection(schema("books", 11L).setDatabase("default"))));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.RENAME_COLLECTION);
      assertThat(violation.sentence()).startsWith("Collection shop.books was renamed to default.books on the source");
    });
  }

  @Test
  void aCollectionWhoseNameAndIdAreGoneWasDropped() {
    List<DdlViolation> found = detector.violations(view(BOOKS, collection(schema("songs", 12L))),
        view(collection(schema("songs", 12L))));

    assertThat(found).containsExactly(new DdlViolation(DdlOperation.DROP_COLLECTION, DB, "books",
        "Collection shop.books was dropped on the source during the zero-downtime job (DropCollection is not"
            + " allowed while syncing): the job is failed; start a new job once the source's collections are settled."));
  }

  @Test
  void theSameNameWithANewIdWasDroppedAndCreatedAgain() {
    List<DdlViolation> found = detector.violations(view(BOOKS), view(collection(schema("books", 99L))));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.DROP_COLLECTION);
      assertThat(violation.sentence()).startsWith("Collection shop.books was dropped and created again on the source");
    });
  }

  @Test
  void withoutIdsARenameLooksLikeADrop() {
    List<DdlViolation> found = detector.violations(view(collection(schema("books", null))),
        view(collection(schema("novels", null))));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.DROP_COLLECTION);
      assertThat(violation.sentence()).startsWith(
          "Collection shop.books was dropped or renamed (the server reports no collection ids) on the source");
    });
  }

  @Test
  void withoutIdsACollectionIsComparedByName() {
    List<DdlViolation> found = detector.violations(view(collection(schema("books", null))),
        view(collection(schema("books", null).setProperties(Map.of("collection.ttl.seconds", "60")))));

    assertThat(found).extracting(DdlViolation::operation).containsExactly(DdlOperation.ALTER_COLLECTION);
  }

  @Test
  void changedPropertiesAreAnAlterCollection() {
    SourceCatalogView before = view(collection(schema("books", 11L).setProperties(Map.of("mmap.enabled", "false"))));
    SourceCatalogView after = view(collection(schema("books", 11L)
        .setProperties(Map.of("mmap.enabled", "true", "collection.ttl.seconds", "3600"))));

    assertThat(detector.violations(before, after)).containsExactly(new DdlViolation(DdlOperation.ALTER_COLLECTION,
        DB, "books", "Collection shop.books was altered (properties.collection.ttl.seconds: (unset) -> 3600,"
            + " properties.mmap.enabled: false -> true) on the source during the zero-downtime job (AlterCollection"
            + " is not allowed while syncing): the job is failed; start a new job after the change."));
  }

  @Test
  void otherCollectionAttributesAreAnAlterCollectionToo() {
    List<DdlViolation> found = detector.violations(view(BOOKS),
        view(collection(schema("books", 11L).setDescription("all books").setEnableDynamicField(true))));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.ALTER_COLLECTION);
      assertThat(violation.sentence()).contains("(description:  -> all books, enable_dynamic_field: false -> true)");
    });
  }

  @Test
  void changedFieldParamsAreAnAlterCollectionField() {
    List<FieldSchema> altered = List.of(fields().get(0), field("title", DataType.VARCHAR).setMaxLength(128)
        .setTypeParams(Map.of("mmap.enabled", "true")).build());

    List<DdlViolation> found = detector.violations(view(BOOKS), view(collection(schema("books", 11L).setFields(altered))));

    assertThat(found).containsExactly(new DdlViolation(DdlOperation.ALTER_COLLECTION_FIELD, DB, "books",
        "The fields of collection shop.books were altered (field 'title' max_length: 64 -> 128,"
            + " type_params.mmap.enabled: (unset) -> true) on the source during the zero-downtime job"
            + " (AlterCollectionField is not allowed while syncing): the job is failed; start a new job after the change."));
  }

  @Test
  void fieldsAddedOrRemovedAreAnAlterCollectionField() {
    List<FieldSchema> changed = new ArrayList<>(fields().subList(0, 1));
    changed.add(field("year", DataType.INT32).setNullable(true).build());

    List<DdlViolation> found = detector.violations(view(BOOKS), view(collection(schema("books", 11L).setFields(changed))));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.ALTER_COLLECTION_FIELD);
      assertThat(violation.sentence()).contains("(field 'title' removed; field 'year' added)");
    });
  }

  @Test
  void theOrderOfFieldsDoesNotMatter() {
    List<FieldSchema> reversed = List.of(fields().get(1), fields().get(0));

    assertThat(detector.violations(view(BOOKS), view(collection(schema("books", 11L).setFields(reversed))))).isEmpty();
  }

  @Test
  void aDroppedPartitionFailsTheJob() {
    SourceCatalogView before = view(collection(schema("books", 11L).setPartitions(List.of("_default", "p1", "p2"))));

    List<DdlViolation> found = detector.violations(before, view(collection(schema("books", 11L)
        .setPartitions(List.of("_default", "p2", "p3")))));

    assertThat(found).containsExactly(new DdlViolation(DdlOperation.DROP_PARTITION, DB, "books",
        "Partitions [p1] of collection shop.books were dropped on the source during the zero-downtime job"
            + " (DropPartition is not allowed while syncing): the job is failed; start a new job once the source's"
            + " partitions are settled."));
  }

  @Test
  void aNewAliasIsACreateAlias() {
    List<DdlViolation> found = detector.violations(view(BOOKS), view(collection(schema("books", 11L), "library")));

    assertThat(found).containsExactly(new DdlViolation(DdlOperation.CREATE_ALIAS, DB, "books",
        "Alias shop.library was created for collection shop.books on the source during the zero-downtime job"
            + " (CreateAlias is not allowed while syncing): the job is failed; start a new job after the alias change."));
  }

  @Test
  void aRemovedAliasIsADropAlias() {
    List<DdlViolation> found = detector.violations(view(collection(schema("books", 11L), "library")), view(BOOKS));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.DROP_ALIAS);
      assertThat(violation.collection()).isEqualTo("books");
      assertThat(violation.sentence()).startsWith("Alias shop.library of collection shop.books was dropped on the source");
    });
  }

  @Test
  void anAliasMovedToAnotherCollectionIsAnAlterAlias() {
    SourceCatalogView before = view(collection(schema("books", 11L), "latest"), collection(schema("books_v2", 12L)));
    SourceCatalogView after = view(BOOKS, collection(schema("books_v2", 12L), "latest"));

    assertThat(detector.violations(before, after)).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.ALTER_ALIAS);
      assertThat(violation.collection()).isEqualTo("books");
      assertThat(violation.sentence()).startsWith(
          "Alias shop.latest was moved from collection shop.books to shop.books_v2 on the source");
    });
  }

  @Test
  void theAliasesOfADroppedOrRenamedCollectionAreNotReportedAgain() {
    SourceCatalogView before = view(collection(schema("books", 11L), "library"), collection(schema("songs", 12L), "music"));

    List<DdlViolation> found = detector.violations(before, view(collection(schema("tunes", 12L), "music")));

    assertThat(found).extracting(DdlViolation::operation)
        .containsExactly(DdlOperation.DROP_COLLECTION, DdlOperation.RENAME_COLLECTION);
  }

  @Test
  void changedDatabasePropertiesAreAnAlterDatabase() {
    SourceCatalogView before = view(Map.of(DB, Map.of()), Optional.of(Set.of()), BOOKS);
    SourceCatalogView after = view(Map.of(DB, Map.of("database.max.collections", "7")), Optional.of(Set.of()), BOOKS);

    assertThat(detector.violations(before, after)).containsExactly(new DdlViolation(DdlOperation.ALTER_DATABASE, DB,
        null, "Database shop was altered (database.max.collections: (unset) -> 7) on the source during the"
            + " zero-downtime job (AlterDatabase is not allowed while syncing): the job is failed; start a new job"
            + " after the change."));
  }

  @Test
  void aDroppedDatabaseFailsTheJob() {
    SourceCatalogView before = view(Map.of(DB, Map.of(), "old", Map.of()), Optional.of(Set.of()), BOOKS);

    List<DdlViolation> found = detector.violations(before, view(BOOKS));

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo(DdlOperation.DROP_DATABASE);
      assertThat(violation.database()).isEqualTo("old");
      assertThat(violation.collection()).isNull();
    });
  }

  @Test
  void aNewImportTaskIsAnImport() {
    ImportTask earlier = new ImportTask(500, 11);
    SourceCatalogView before = view(Map.of(DB, Map.of()), Optional.of(Set.of(earlier)), BOOKS);
    SourceCatalogView after = view(Map.of(DB, Map.of()),
        Optional.of(Set.of(earlier, new ImportTask(502, 77), new ImportTask(501, 11))), BOOKS);

    List<DdlViolation> found = detector.violations(before, after);

    assertThat(found).containsExactly(
        new DdlViolation(DdlOperation.IMPORT, DB, "books", "Import (bulk insert) task 501 into collection shop.books"
            + " was started on the source during the zero-downtime job (Import is not allowed while syncing): the job"
            + " is failed; start a new job after the import has finished."),
        new DdlViolation(DdlOperation.IMPORT, null, null, "Import (bulk insert) task 502 into the collection with"
            + " id 77 was started on the source during the zero-downtime job (Import is not allowed while syncing):"
            + " the job is failed; start a new job after the import has finished."));
  }

  @Test
  void importsAreNotJudgedWhenTheServerCannotListThem() {
    SourceCatalogView unlisted = view(Map.of(DB, Map.of()), Optional.empty(), BOOKS);
    SourceCatalogView listed = view(Map.of(DB, Map.of()), Optional.of(Set.of(new ImportTask(501, 11))), BOOKS);

    assertThat(detector.violations(unlisted, listed)).isEmpty();
    assertThat(detector.violations(listed, unlisted)).isEmpty();
  }

  @Test
  void violationsComeDatabasesFirstThenCollectionsByName() {
    SourceCatalogView before = view(Map.of(DB, Map.of(), "old", Map.of()), Optional.of(Set.of()),
        collection(schema("zebras", 2L)), collection(schema("apes", 1L)));

    List<DdlViolation> found = detector.violations(before, view());

    assertThat(found).extracting(DdlViolation::operation, DdlViolation::collection).containsExactly(
        tuple(DdlOperation.DROP_DATABASE, null),
        tuple(DdlOperation.DROP_COLLECTION, "apes"),
        tuple(DdlOperation.DROP_COLLECTION, "zebras"));
  }
}
