package dev.milvusmigrate.milvus;

/**
 * What a connected server is and can do. {@code pinnedReads}: queries can be pinned at an MVCC
 * timestamp (guarantee/iterator session timestamp); {@code allocTimestamp}: the server can hand
 * out its current hybrid timestamp. Whether it keeps keys inserted into auto-id collections is
 * probed when needed ({@link MilvusCatalog#keepsKeysInsertedIntoAutoIdCollections()}).
 */
public record ServerInfo(String version, boolean pinnedReads, boolean allocTimestamp) {

  /** Milvus Lite answers STRONG as every collection's consistency level, whatever it was created with. */
  public boolean reportsConsistencyLevel() {
    return !isLite();
  }

  /** Milvus 2.3 to 2.6 load a collection only with an index on every vector field; Milvus Lite loads any. */
  public boolean loadsOnlyIndexedCollections() {
    return !isLite();
  }

  private boolean isLite() {
    return version.startsWith("milvus_lite");
  }
}
