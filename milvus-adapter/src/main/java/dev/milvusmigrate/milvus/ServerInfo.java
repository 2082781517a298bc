package dev.milvusmigrate.milvus;

/**
 * What a connected server is and can do. {@code version}: what GetVersion answers, or
 * {@value #UNKNOWN_VERSION} where the server has no GetVersion (Milvus Lite 2.4 and 2.5);
 * {@code pinnedReads}: queries can be pinned at an MVCC timestamp (guarantee/iterator session
 * timestamp); {@code allocTimestamp}: the server can hand out its current hybrid timestamp;
 * {@code databases}: it has ListDatabases (without, its one database is {@code default});
 * {@code partitions}: it has partitions (without, every collection has only {@code _default}).
 * Whether it keeps keys inserted into auto-id collections and reports consistency levels is probed
 * when needed ({@link MilvusCatalog#keepsKeysInsertedIntoAutoIdCollections()},
 * {@link MilvusCatalog#reportsConsistencyLevel()}).
 */
public record ServerInfo(String version, boolean pinnedReads, boolean allocTimestamp, boolean databases,
    boolean partitions) {

  public static final String UNKNOWN_VERSION = "unknown version";

  /** A server with databases and partitions. */
  public ServerInfo(String version, boolean pinnedReads, boolean allocTimestamp) {
    this(version, pinnedReads, allocTimestamp, true, true);
  }

  /**
   * Milvus 2.3 to 2.6 load a collection only with an index on every vector field; Milvus Lite 3
   * loads any. A server of unknown version is taken to need the indexes.
   */
  public boolean loadsOnlyIndexedCollections() {
    return !isLite();
  }

  /**
   * Milvus Lite 3 applies an upsert and a delete to every partition that holds the key, whatever
   * partition the request names (an upsert moves the key); Milvus 2.3 only to the partition named
   * (measured with pymilvus, 2026-12-04). Capture through the capture-proxy follows the source's way.
   */
  public boolean writesReachEveryPartition() {
    return isLite();
  }

  /** It has the Upsert RPC; Milvus before 2.3 answers UNIMPLEMENTED. */
  public boolean upserts() {
    return !milvusBefore23();
  }

  /** Queries can count with {@code count(*)}; Milvus before 2.3 cannot. */
  public boolean countsWithCountStar() {
    return !milvusBefore23();
  }

  /** Output field {@code *} returns every field; Milvus before 2.3 returns only the scalars ({@code %} names the vectors). */
  public boolean starReadsVectors() {
    return !milvusBefore23();
  }

  /** Decided from the version, a real Milvus version here: 2.2.16 reports {@code v2.2.16-lite}. */
  private boolean milvusBefore23() {
    return ServerVersion.parse(version).isMilvusBefore(2, 3, 0);
  }

  private boolean isLite() {
    return version.startsWith("milvus_lite");
  }
}
