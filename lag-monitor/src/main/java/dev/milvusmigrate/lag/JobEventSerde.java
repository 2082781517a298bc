package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link JobEvent} for the topology's internal repartition topic: a tag byte, then for
 * progress events the job id (length-prefixed UTF-8), then the contract record in Avro
 * single-object encoding.
 */
final class JobEventSerde implements Serde<JobEvent> {

  private static final byte SUBMITTED = 1;
  private static final byte PROGRESS = 2;
  private static final byte COMMAND = 3;

  private final AvroSerde<JobSpec> specs = AvroSerde.of(JobSpec.class);
  private final AvroSerde<ProgressEvent> progress = AvroSerde.of(ProgressEvent.class);
  private final AvroSerde<ControlCommand> commands = AvroSerde.of(ControlCommand.class);

  @Override
  public Serializer<JobEvent> serializer() {
    return (topic, event) -> event == null ? null : serialize(topic, event);
  }

  @Override
  public Deserializer<JobEvent> deserializer() {
    return (topic, bytes) -> bytes == null ? null : deserialize(topic, bytes);
  }

  private byte[] serialize(String topic, JobEvent event) {
    if (event instanceof JobEvent.Submitted submitted) {
      return tagged(SUBMITTED, new byte[0], specs.serializer().serialize(topic, submitted.spec()));
    } else if (event instanceof JobEvent.Progress p) {
      return tagged(PROGRESS, p.jobId().getBytes(StandardCharsets.UTF_8),
          progress.serializer().serialize(topic, p.event()));
    }
    return tagged(COMMAND, new byte[0], commands.serializer().serialize(topic, ((JobEvent.Command) event).command()));
  }

  private JobEvent deserialize(String topic, byte[] bytes) {
    int idLength = bytes[1] & 0xff;
    String jobId = new String(bytes, 2, idLength, StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOfRange(bytes, 2 + idLength, bytes.length);
    return switch (bytes[0]) {
      case SUBMITTED -> new JobEvent.Submitted(specs.deserializer().deserialize(topic, body));
      case PROGRESS -> new JobEvent.Progress(jobId, progress.deserializer().deserialize(topic, body));
      case COMMAND -> new JobEvent.Command(commands.deserializer().deserialize(topic, body));
      default -> throw new SerializationException("Unknown job event tag " + bytes[0] + " on " + topic + ".");
    };
  }

  private static byte[] tagged(byte tag, byte[] jobId, byte[] body) {
    byte[] out = new byte[2 + jobId.length + body.length];
    out[0] = tag;
    out[1] = (byte) jobId.length;
    System.arraycopy(jobId, 0, out, 2, jobId.length);
    System.arraycopy(body, 0, out, 2 + jobId.length, body.length);
    return out;
  }
}
