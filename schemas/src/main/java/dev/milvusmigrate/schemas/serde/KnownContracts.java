package dev.milvusmigrate.schemas.serde;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.ErrorEvent;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Fingerprints of the records that travel on topics, so a wrong-topic payload can be named in errors. */
final class KnownContracts {

  private static final Map<Long, String> NAMES_BY_FINGERPRINT = Stream.of(
          PipelineEvent.getClassSchema(), SnapshotEvent.getClassSchema(), EntityBatch.getClassSchema(),
          Mutation.getClassSchema(), Heartbeat.getClassSchema(), Marker.getClassSchema(),
          CollectionSchema.getClassSchema(), ControlCommand.getClassSchema(), JobStatus.getClassSchema(),
          LagReport.getClassSchema(), SinkProgress.getClassSchema(), Notification.getClassSchema(),
          ErrorEvent.getClassSchema(), ServicePresence.getClassSchema())
      .collect(Collectors.toMap(SchemaNormalization::parsingFingerprint64, Schema::getName, (a, b) -> a));

  private KnownContracts() {}

  static Optional<String> nameOf(long fingerprint) {
    return Optional.ofNullable(NAMES_BY_FINGERPRINT.get(fingerprint));
  }
}
