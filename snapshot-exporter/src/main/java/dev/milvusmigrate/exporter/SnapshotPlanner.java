package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.TemporaryLoad;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job into the list of collections to copy (a zero-downtime job that names no database:
 * every collection of every database). For a job that names a database it checks the database and every named
 * collection exist (failing with one sentence naming what is missing), reads the schemas of the
 * collections this instance owns and estimates every collection's rows. It loads a collection to
 * count it only while nothing else reads it: one it exported before a restart may be verified by a
 * sink meanwhile, which the release after the count would pull the collection from under.
 */
final class SnapshotPlanner {

  private static final Logger log = LoggerFactory.getLogger(SnapshotPlanner.class);
  private static final int NAMES_SHOWN = 20;

  private final MilvusCatalog catalog;
  private final Retry retry;
  private final InstanceOwnership ownership;
  private final String sourceLabel;
  private final Function<CollectionName, CollectionResume> resumes;

  /** @param resumes where each collection's export stands, from this instance's checkpoints */
  SnapshotPlanner(MilvusCatalog catalog, Retry retry, InstanceOwnership ownership, String sourceLabel,
      Function<CollectionName, CollectionResume> resumes) {
    this.catalog = catalog;
    this.retry = retry;
    this.ownership = ownership;
    this.sourceLabel = sourceLabel;
    this.resumes = resumes;
  }

  List<PlannedCollection> plan(JobSpec spec) {
    if (spec.getMode() == JobMode.ZERO_DOWNTIME && spec.getDatabase() == null) {
      return planEverything();
    }
    String database = requireDatabase(spec);
    List<String> collections = resolveCollections(database, spec.getCollections());
    String target = spec.getTargetDatabase() == null ? database : spec.getTargetDatabase();
    return planDatabase(database, collections, target);
  }

  /** A zero-downtime job copies every database of the source as it is now; later ones arrive through capture. */
  private List<PlannedCollection> planEverything() {
    List<PlannedCollection> plan = new ArrayList<>();
    for (String database : retry.call("list the databases", null, null, catalog::listDatabases)) {
      plan.addAll(planDatabase(database, resolveCollections(database, List.of()), database));
    }
    return plan;
  }

  private List<PlannedCollection> planDatabase(String database, List<String> collections, String target) {
    List<PlannedCollection> plan = new ArrayList<>();
    for (String collection : collections) {
      CollectionName name = new CollectionName(database, collection);
      plan.add(ownership.owns(name) ? planOwned(name, target) : planForeign(name, target));
    }
    return plan;
  }

  private String requireDatabase(JobSpec spec) {
    String database = spec.getDatabase();
    if (database == null || database.isBlank()) {
      throw new JobFailure("Offline job '" + spec.getJobId() + "' names no source database: submit it again"
          + " with the database to copy.", null, null);
    }
    // A zero-downtime job that names a database copies and syncs that one only (and its named collections).
    List<String> databases = retry.call("list the databases", database, null, catalog::listDatabases);
    if (!databases.contains(database)) {
      throw new JobFailure("Database '" + database + "' does not exist on the source " + sourceLabel
          + ": check the name; the source has " + names(databases) + ".", database, null);
    }
    return database;
  }

  private List<String> resolveCollections(String database, List<String> named) {
    List<String> existing = retry.call("list the collections of " + database, database, null,
        () -> catalog.listCollections(database));
    if (named.isEmpty()) {
      return existing.stream().sorted().toList();
    }
    Set<String> present = new HashSet<>(existing);
    List<String> missing = named.stream().distinct().filter(name -> !present.contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new JobFailure(missingSentence(database, missing, existing), database,
          missing.size() == 1 ? missing.get(0) : null);
    }
    return named.stream().distinct().toList();
  }

  private String missingSentence(String database, List<String> missing, List<String> existing) {
    String subject = missing.size() == 1
        ? "Collection '" + missing.get(0) + "' does not exist"
        : "Collections " + missing.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
            + " do not exist";
    return subject + " in database '" + database + "' on the source " + sourceLabel
        + ": check the names; the database has " + names(existing) + ".";
  }

  private PlannedCollection planOwned(CollectionName name, String target) {
    String database = name.database();
    String collection = name.collection();
    CollectionSchema schema = retry.call("describe " + name, name, () -> catalog.describeCollection(name))
        .orElseThrow(() -> new JobFailure("Collection '" + collection + "' of database '" + database
            + "' disappeared from the source " + sourceLabel + " while the job was planned: submit the job again"
            + " without it or restore it.", database, collection));
    CollectionResume resume = resumes.apply(name);
    if (resume.isFinished(PartitionsToRead.of(schema))) {
      log.info("Planned {}: {} rows, exported completely before", name, resume.rowsRead());
      return new PlannedCollection(database, collection, target, resume.rowsRead(), schema);
    }
    long rows;
    try (TemporaryLoad load = retry.load(catalog, name)) {
      rows = retry.call("count the rows of " + name, name, () -> catalog.countRows(name));
    }
    log.info("Planned {}: about {} rows", name, rows);
    return new PlannedCollection(database, collection, target, rows, schema);
  }

  /** Another instance exports it; count it only if that needs no load, so two instances never race on load state. */
  private PlannedCollection planForeign(CollectionName name, String target) {
    long rows = retry.call("count the rows of " + name + " if it is loaded", name, () -> countIfLoaded(name));
    return new PlannedCollection(name.database(), name.collection(), target, rows, null);
  }

  /** Released by another service between the check and the count, it stays unknown. */
  private long countIfLoaded(CollectionName name) {
    if (!catalog.isLoaded(name)) {
      return PlannedCollection.UNKNOWN_ROWS;
    }
    try {
      return catalog.countRows(name);
    } catch (MilvusAccessException e) {
      if (e.kind() != MilvusAccessException.Kind.NOT_LOADED) {
        throw e;
      }
      return PlannedCollection.UNKNOWN_ROWS;
    }
  }

  private static String names(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> sorted = names.stream().sorted().toList();
    String shown = sorted.stream().limit(NAMES_SHOWN).map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    return sorted.size() > NAMES_SHOWN ? shown + " and " + (sorted.size() - NAMES_SHOWN) + " more" : shown;
  }
}
