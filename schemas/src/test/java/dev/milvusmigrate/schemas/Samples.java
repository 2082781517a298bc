package dev.milvusmigrate.schemas;

import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packLongs;

import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PartitionLag;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small, fully populated contract records shared by the tests. */
public final class Samples {

  public static final long TSO = (1_700_000_000_000L << 18) | 7;

  private Samples() {}

  public static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String utf8(ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }

  public static Column int64Keys(long... keys) {
    return Columns.scalars("id", DataType.INT64, packLongs(keys));
  }

  public static Column floatVectors(float[][] rows) {
    return Columns.vectors("vec", DataType.FLOAT_VECTOR, rows[0].length, VectorPacker.packFloatVectors(rows, rows[0].length));
  }

  public static Mutation insert() {
    return Mutation.newBuilder().setJobId("job-1").setOp(MutationOp.INSERT).setSourceTs(TSO)
        .setDatabase("db1").setCollection("docs").setPartition("p2024").setRowCount(2)
        .setColumns(List.of(int64Keys(10, 11), floatVectors(new float[][] {{0.5f, -1f}, {2f, 3.25f}})))
        .setSourceTopic("by-dev-rootcoord-dml_3").setSourcePartition(0).setSourceOffset(4242L)
        .setSourceMessageId(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .build();
  }

  public static Mutation deleteByInt64Keys() {
    PrimaryKeys keys = new PrimaryKeys("id", new PackedValues(packLongs(new long[] {7, Long.MAX_VALUE})));
    return Mutation.newBuilder().setJobId("job-1").setOp(MutationOp.DELETE).setSourceTs(TSO + 1)
        .setDatabase("db1").setCollection("docs").setRowCount(2).setPrimaryKeys(keys).build();
  }

  public static Mutation deleteByVarcharKeys() {
    PrimaryKeys keys = new PrimaryKeys("pk", new StringValues(List.of("a", "ключ", "🔑")));
    return Mutation.newBuilder().setJobId("job-1").setOp(MutationOp.DELETE).setSourceTs(TSO + 2)
        .setDatabase("db1").setCollection("names").setRowCount(3).setPrimaryKeys(keys).build();
  }

  public static Heartbeat heartbeat() {
    return new Heartbeat("job-1", TSO, "capture-a", "by-dev-rootcoord-dml_0", 1_700_000_000_000L);
  }

  public static Marker snapshotEnd() {
    return new Marker(MarkerKind.SNAPSHOT_END, "job-1", "db1", "docs", TSO, null, 123_456L);
  }

  public static EntityBatch entityBatch() {
    return EntityBatch.newBuilder().setJobId("job-1").setDatabase("db1").setCollection("docs")
        .setPartition("_default").setChunk(3).setRowCount(2).setSnapshotTs(TSO)
        .setFirstPk(10L).setLastPk(11L)
        .setColumns(List.of(int64Keys(10, 11), floatVectors(new float[][] {{1f, 2f}, {3f, 4f}})))
        .build();
  }

  public static CollectionSchema collectionSchema() {
    return CollectionSchema.newBuilder().setDatabase("db1").setCollection("docs").setDescription("documents")
        .setFields(List.of(primaryKeyField(), vectorField()))
        .setEnableDynamicField(true)
        .setFunctions(List.of(bm25()))
        .setProperties(Map.of("collection.ttl.seconds", "3600"))
        .setShardsNum(2).setConsistencyLevel(ConsistencyLevel.STRONG)
        .setPartitions(List.of("_default", "p2024")).setNumPartitions(null)
        .setSourceCollectionId(445566L).setCreatedTs(TSO)
        .build();
  }

  public static FieldSchema primaryKeyField() {
    return FieldSchema.newBuilder().setFieldId(100L).setName("id").setDataType(DataType.INT64)
        .setIsPrimaryKey(true).setAutoId(true).build();
  }

  public static FieldSchema vectorField() {
    return FieldSchema.newBuilder().setFieldId(101L).setName("vec").setDataType(DataType.FLOAT_VECTOR).setDim(2)
        .setTypeParams(Map.of("mmap.enabled", "true")).build();
  }

  public static FunctionSchema bm25() {
    return FunctionSchema.newBuilder().setName("text_bm25").setDescription("sparse from text")
        .setType(FunctionType.BM25).setInputFieldNames(List.of("text")).setOutputFieldNames(List.of("sparse"))
        .setParams(Map.of("k", "v")).build();
  }

  public static ControlCommand controlCommand() {
    return new ControlCommand("cmd-1", "job-1", CommandType.STOP_SYNC, true, "alice", 1_700_000_000_000L);
  }

  public static JobStatus jobStatus() {
    return JobStatus.newBuilder().setJobId("job-1").setMode(JobMode.ZERO_DOWNTIME).setState(JobState.IN_PROGRESS)
        .setStage(JobStage.SYNCING)
        .setCollections(List.of(new CollectionProgress("db1", "docs", 50L, 100L, JobState.IN_PROGRESS),
            new CollectionProgress("db1", "done", 7L, 7L, JobState.SUCCESSFUL)))
        .setRowsCopied(57).setRowsTotal(107).setPercent(53.27).setReason(null).setErrorDetails("none yet")
        .setStartedAt(1_700_000_000_000L).setUpdatedAt(1_700_000_001_000L).setEndedAt(null).build();
  }

  public static LagReport lagReport() {
    return LagReport.newBuilder().setJobId("job-1").setLagMs(1_250).setSourceHeadTs(TSO).setAppliedTs(TSO - (1_250L << 18))
        .setComputedAt(1_700_000_002_000L)
        .setPartitions(List.of(new PartitionLag(0, TSO, TSO, 0L), new PartitionLag(1, TSO, TSO - (1_250L << 18), 1_250L)))
        .setStale(true).build();
  }

  public static Notification notification() {
    return new Notification("n-1", "job-1", NotificationKind.LAG_BELOW_THRESHOLD, "lag 2 s < 10 s for 60 s",
        2_000L, 10_000L, 1_700_000_003_000L);
  }
}
