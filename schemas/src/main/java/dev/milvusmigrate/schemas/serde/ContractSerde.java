package dev.milvusmigrate.schemas.serde;

import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;

/**
 * The wire format of a contract: JSON for the records of the topics people read or write by hand
 * (lag, notifications, job status, control), Avro single-object encoding for the pipeline's.
 */
public final class ContractSerde {

  /** The contracts that travel as JSON. */
  public static final Set<Class<? extends SpecificRecordBase>> JSON_CONTRACTS =
      Set.of(LagReport.class, Notification.class, JobStatus.class, ControlCommand.class);

  private ContractSerde() {}

  public static <T extends SpecificRecordBase> Serde<T> of(Class<T> type) {
    return JSON_CONTRACTS.contains(type) ? JsonSerde.of(type) : AvroSerde.of(type);
  }
}
