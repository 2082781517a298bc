package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.SchemaSupport;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import dev.milvusmigrate.sink.SourceIsNotTarget;
import dev.milvusmigrate.verification.SchemaComparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what can be checked before a job is submitted, reading only: both servers answer with
 * the given credentials, the target is not the source server ({@link SourceIsNotTarget}), the
 * database and every named collection exist on the source, the target's
 * version can hold every collection's schema ({@link SchemaSupport}), and no collection exists on
 * the target with a different schema, the source can load every collection for reading (an
 * index on each vector field where the server needs one), the target keeps every collection's
 * shape ({@link TargetShapeProbe}: the only thing preflight writes, a scratch collection dropped at
 * once) and no alias of a collection is taken on the target ({@link TakenAliases}). A problem ends the command with exit
 * code 2 and one sentence, before anything is written anywhere.
 */
final class Preflight {

  private static final String DEFAULT_DATABASE = "default";

  /** The collections the job will copy: the named ones, or every collection of the database. */
  List<String> check(MilvusEndpoint source, MilvusEndpoint target, String database, List<String> named,
      String targetDatabase) {
    try (MilvusSession sourceSession = MilvusConnector.connect(source);
        MilvusSession targetSession = MilvusConnector.connect(target)) {
      rejectSourceAsTarget(source, sourceSession, target, targetSession);
      rejectDatabaseTargetLacks(targetSession, target, targetDatabase, "use --target-database default");
      List<String> collections = collections(sourceSession, source, database, named);
      rejectUnloadable(sourceSession, database, collections, "or leave them out with --collections");
      List<CollectionSchema> schemas = new ArrayList<>();
      for (String collection : collections) {
        CollectionSchema schema = sourceSession.catalog().describeCollection(new CollectionName(database, collection))
            .orElseThrow();
        rejectUnsupported(targetSession, target, schema, "upgrade the target or leave the collection out with --collections");
        rejectConflictingTarget(schema, targetSession, target, targetDatabase);
        schemas.add(schema);
      }
      rejectShapesTargetCannotKeep(targetSession, target, schemas, "--collections");
      rejectTakenAliases(sourceSession, targetSession, target, database, collections, targetDatabase,
          "or choose another --target-database");
      return collections;
    }
  }

  /**
   * A zero-downtime job copies every database, or the one it names: both servers must answer with
   * the given credentials, and no collection may already exist on the target with another schema.
   * Returns how many collections the job copies now.
   *
   * @param only the one database the job copies and syncs; null for every database
   */
  int checkZeroDowntime(MilvusEndpoint source, MilvusEndpoint target, String only) {
    try (MilvusSession sourceSession = MilvusConnector.connect(source);
        MilvusSession targetSession = MilvusConnector.connect(target)) {
      rejectSourceAsTarget(source, sourceSession, target, targetSession);
      int count = 0;
      List<String> databases = only == null ? sourceSession.catalog().listDatabases()
          : List.of(requireDatabase(sourceSession, source, only));
      databases.forEach(database -> rejectDatabaseTargetLacks(targetSession, target, database,
          "migrate to a target with databases (a zero-downtime job copies every database)"));
      List<String> unloadable = new ArrayList<>();
      for (String database : databases) {
        unloadable.addAll(unloadable(sourceSession, database, sourceSession.catalog().listCollections(database)));
      }
      rejectUnloadable(unloadable, "before starting (a zero-downtime job copies every collection)");
      List<CollectionSchema> schemas = new ArrayList<>();
      for (String database : databases) {
        for (String collection : sourceSession.catalog().listCollections(database)) {
          CollectionSchema schema = sourceSession.catalog().describeCollection(new CollectionName(database, collection))
              .orElseThrow();
          rejectUnsupported(targetSession, target, schema, "upgrade the target (a zero-downtime job copies every collection)");
          rejectConflictingTarget(schema, targetSession, target, database);
          schemas.add(schema);
          count++;
        }
      }
      rejectShapesTargetCannotKeep(targetSession, target, schemas, null);
      for (String database : databases) {
        rejectTakenAliases(sourceSession, targetSession, target, database,
            sourceSession.catalog().listCollections(database), database, "");
      }
      return count;
    }
  }

  static List<String> collections(MilvusSession session, MilvusEndpoint source, String database, List<String> named) {
    requireDatabase(session, source, database);
    List<String> existing = session.catalog().listCollections(database);
    if (named.isEmpty()) {
      return existing;
    }
    List<String> unknown = named.stream().filter(c -> !existing.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw CliFailure.badInput("Collection" + (unknown.size() == 1 ? " '" : "s '") + String.join("', '", unknown)
          + (unknown.size() == 1 ? "' does" : "' do") + " not exist in database '" + database + "' on the source "
          + source.label() + ": check --collections.");
    }
    return named;
  }

  /**
   * Collections a job reads must be loaded or loadable: a server other than Milvus Lite loads only
   * collections with an index on every vector field (2.3.5 answers "index not found").
   */
  private static String requireDatabase(MilvusSession session, MilvusEndpoint source, String database) {
    if (!session.catalog().listDatabases().contains(database)) {
      throw CliFailure.badInput("Database '" + database + "' does not exist on the source " + source.label()
          + ": check --database.");
    }
    return database;
  }

  private static void rejectUnloadable(MilvusSession source, String database, List<String> collections,
      String leaveOut) {
    rejectUnloadable(unloadable(source, database, collections), leaveOut);
  }

  private static void rejectUnloadable(List<String> unloadable, String leaveOut) {
    if (!unloadable.isEmpty()) {
      throw CliFailure.badInput("Collection" + (unloadable.size() == 1 ? " " : "s ") + String.join(", ", unloadable)
          + " on the source " + (unloadable.size() == 1 ? "has" : "have") + " no index on "
          + (unloadable.size() == 1 ? "its" : "their") + " vector fields, so Milvus cannot load "
          + (unloadable.size() == 1 ? "it" : "them") + " for reading: create an index on each (e.g. AUTOINDEX) "
          + leaveOut + "; nothing was written.");
    }
  }

  /** {@code database.collection} of each collection that is not loaded and lacks an index on a vector field. */
  private static List<String> unloadable(MilvusSession source, String database, List<String> collections) {
    if (!source.server().loadsOnlyIndexedCollections()) {
      return List.of();
    }
    List<String> unloadable = new ArrayList<>();
    for (String collection : collections) {
      CollectionName name = new CollectionName(database, collection);
      if (source.catalog().isLoaded(name)) {
        continue;
      }
      Set<String> indexed = source.catalog().listIndexes(name).stream().map(IndexSpec::fieldName)
          .collect(Collectors.toSet());
      CollectionSchema schema = source.catalog().describeCollection(name).orElseThrow();
      if (schema.getFields().stream()
          .anyMatch(field -> isVector(field.getDataType()) && !indexed.contains(field.getName()))) {
        unloadable.add(name.qualified());
      }
    }
    unloadable.sort(null);
    return unloadable;
  }

  private static boolean isVector(DataType type) {
    return ValueWidth.isVector(type) || type == DataType.SPARSE_FLOAT_VECTOR;
  }

  private static void rejectSourceAsTarget(MilvusEndpoint source, MilvusSession sourceSession, MilvusEndpoint target,
      MilvusSession targetSession) {
    SourceIsNotTarget.check(source, sourceSession, target, targetSession, "give the target server's address with"
        + " --target").ifPresent(reason -> {
          throw CliFailure.badInput(reason);
        });
  }

  /** A target without ListDatabases (Milvus Lite 2.4 and 2.5) holds only the database 'default'. */
  private static void rejectDatabaseTargetLacks(MilvusSession target, MilvusEndpoint targetEndpoint,
      String targetDatabase, String advice) {
    if (!target.server().databases() && !DEFAULT_DATABASE.equals(targetDatabase)) {
      throw CliFailure.badInput("The target " + targetEndpoint.label() + " has no databases but '" + DEFAULT_DATABASE
          + "' (ListDatabases and CreateDatabase are UNIMPLEMENTED), so it cannot hold database '" + targetDatabase
          + "': " + advice + "; nothing was written.");
    }
  }

  private static void rejectUnsupported(MilvusSession target, MilvusEndpoint targetEndpoint, CollectionSchema schema,
      String advice) {
    String version = target.server().version();
    SchemaSupport.lacking(version, schema).ifPresent(missing -> {
      throw CliFailure.badInput("Collection " + new CollectionName(schema.getDatabase(), schema.getCollection())
          + " on the source uses " + missing + ", which the target " + targetEndpoint.label() + " (" + version
          + ") cannot hold: " + advice + ".");
    });
  }

  /**
   * @param leaveOut the option that leaves collections out of the job, or null where every collection
   *     is copied (a zero-downtime job)
   */
  private static void rejectShapesTargetCannotKeep(MilvusSession target, MilvusEndpoint targetEndpoint,
      List<CollectionSchema> schemas, String leaveOut) {
    TargetShapeProbe probe = new TargetShapeProbe(target);
    List<String> kept = new ArrayList<>();
    for (CollectionSchema schema : schemas) {
      probe.cannotKeep(schema).ifPresent(reason -> kept.add(
          new CollectionName(schema.getDatabase(), schema.getCollection()) + " (" + reason + ")"));
    }
    if (!kept.isEmpty()) {
      kept.sort(null);
      boolean one = kept.size() == 1;
      throw CliFailure.badInput("Collection" + (one ? " " : "s ") + String.join(", ", kept) + " cannot be held by"
          + " the target " + targetEndpoint.label() + " as the source has " + (one ? "it" : "them") + ": "
          + (leaveOut != null ? "leave " + (one ? "it" : "them") + " out with " + leaveOut + " or migrate to"
              : "migrate to") + " a target server that can hold " + (one ? "it" : "them")
          + "; nothing was written.");
    }
  }

  /** Each alias of the collections on the source must be free in the target database, or point at the same collection. */
  private static void rejectTakenAliases(MilvusSession source, MilvusSession target, MilvusEndpoint targetEndpoint,
      String database, List<String> collections, String targetDatabase, String orElse) {
    Map<String, List<String>> sourceAliases = new LinkedHashMap<>();
    collections.forEach(collection -> sourceAliases.put(collection,
        source.catalog().listAliases(new CollectionName(database, collection))));
    if (sourceAliases.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    if (!target.catalog().hasAliases()) {
      List<String> aliased = sourceAliases.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
          .map(entry -> new CollectionName(database, entry.getKey()) + " (" + String.join(", ", entry.getValue())
              + ")").toList();
      throw CliFailure.badInput("The target " + targetEndpoint.label() + " has no aliases (CreateAlias is"
          + " UNIMPLEMENTED), so the aliases of " + String.join(", ", aliased) + " cannot be kept: drop them on the"
          + " source or migrate to a target with aliases; nothing was written.");
    }
    if (!target.catalog().listDatabases().contains(targetDatabase)) {
      return;
    }
    List<String> taken = TakenAliases.in(targetDatabase, sourceAliases, target.catalog().aliasesOf(targetDatabase),
        target.catalog().listCollections(targetDatabase));
    if (!taken.isEmpty()) {
      boolean one = taken.size() == 1;
      throw CliFailure.badInput("Alias" + (one ? " " : "es ") + String.join(", ", taken) + " on the target "
          + targetEndpoint.label() + (one ? " is" : " are") + " already taken, so the source's alias"
          + (one ? "" : "es") + " of that name cannot point at the migrated collection there: drop or rename "
          + (one ? "it" : "them") + " on the target" + (orElse.isEmpty() ? "" : " " + orElse)
          + "; nothing was written.");
    }
  }

  private void rejectConflictingTarget(CollectionSchema sourceSchema, MilvusSession target,
      MilvusEndpoint targetEndpoint, String targetDatabase) {
    if (!target.catalog().listDatabases().contains(targetDatabase)) {
      return;
    }
    String collection = sourceSchema.getCollection();
    Optional<CollectionSchema> existing = target.catalog().describeCollection(
        new CollectionName(targetDatabase, collection));
    if (existing.isEmpty()) {
      return;
    }
    List<String> differences = SchemaComparator.forTarget(target.catalog()::reportsConsistencyLevel).differences(sourceSchema, existing.get());
    if (!differences.isEmpty()) {
      throw CliFailure.badInput("Collection " + new CollectionName(targetDatabase, collection)
          + " already exists on the target " + targetEndpoint.label() + " with a different schema ("
          + differences.get(0).replaceAll("\\.$", "") + "): drop it or choose another --target-database.");
    }
  }
}
