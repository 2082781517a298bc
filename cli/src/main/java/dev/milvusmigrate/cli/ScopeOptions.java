package dev.milvusmigrate.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Which database and collections a command works on, and where they go on the target. */
final class ScopeOptions {

  @Option(names = "--database", required = true, paramLabel = "NAME", description = "Source database.")
  String database;

  @Option(names = "--collections", split = ",", paramLabel = "NAME",
      description = "Collections, comma-separated (default: every collection of the database).")
  List<String> collections = List.of();

  @Option(names = "--target-database", paramLabel = "NAME",
      description = "Target database (default: the source database's name; offline creates it if missing).")
  String targetDatabase;

  /** Checks the names and fails with one sentence if one is not a valid Milvus name. */
  void check() {
    MilvusNames.check("--database", database);
    MilvusNames.check("--collections", collections);
    MilvusNames.check("--target-database", targetDatabase);
  }

  String targetDatabaseOrSame() {
    return targetDatabase == null ? database : targetDatabase;
  }
}
