package dev.milvusmigrate.capture.ddl;

/** A change to the source that fails a zero-downtime job, with what the user should do about it. */
public enum DdlOperation {
  RENAME_COLLECTION("RenameCollection", "start a new job after the rename"),
  DROP_COLLECTION("DropCollection", "start a new job once the source's collections are settled"),
  DROP_PARTITION("DropPartition", "start a new job once the source's partitions are settled"),
  ALTER_COLLECTION("AlterCollection", "start a new job after the change"),
  ALTER_COLLECTION_FIELD("AlterCollectionField", "start a new job after the change"),
  CREATE_ALIAS("CreateAlias", "start a new job after the alias change"),
  DROP_ALIAS("DropAlias", "start a new job after the alias change"),
  ALTER_ALIAS("AlterAlias", "start a new job after the alias change"),
  DROP_DATABASE("DropDatabase", "start a new job once the source's databases are settled"),
  ALTER_DATABASE("AlterDatabase", "start a new job after the change"),
  IMPORT("Import", "start a new job after the import has finished");

  private final String milvusName;
  private final String advice;

  DdlOperation(String milvusName, String advice) {
    this.milvusName = milvusName;
    this.advice = advice;
  }

  /** The operation's name in the Milvus API, e.g. {@code RenameCollection}. */
  public String milvusName() {
    return milvusName;
  }

  String advice() {
    return advice;
  }
}
