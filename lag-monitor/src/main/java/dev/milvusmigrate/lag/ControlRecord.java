package dev.milvusmigrate.lag;

import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record of the control topic: a command (JSON, or Avro written before the topic spoke JSON), or,
 * when the bytes are larger than a command can be, are not a control command or name no job, the ERROR notification that says so (never echoing
 * the bytes); a malformed or oversized command never stops the application.
 */
record ControlRecord(ControlCommand command, Notification rejection) {

  private static final JsonSerde<ControlCommand> COMMANDS = JsonSerde.of(ControlCommand.class);
  private static final int LONGEST_JOB_ID = 256;

  static ControlRecord decode(String topic, String key, byte[] bytes) {
    String job = key == null || key.length() > LONGEST_JOB_ID ? "unknown" : key;
    if (bytes.length > TopicProvisioner.MAX_COMMAND_BYTES) {
      return rejected(job, "A record of " + topic + " (" + bytes.length + " bytes, key " + job + ") is larger than"
          + " the " + TopicProvisioner.MAX_COMMAND_BYTES + " bytes a control command can be and was ignored: send"
          + " a command as one JSON object (ControlCommand.schema.json); nothing was changed.");
    }
    try {
      ControlCommand command = COMMANDS.deserializer().deserialize(topic, bytes);
      if (command.getJobId() == null || command.getJobId().isBlank()) {
        return rejected(job, "A control command " + command.getCommandId() + " names no job: send it again with the"
            + " job id; nothing was changed.");
      }
      return new ControlRecord(command, null);
    } catch (SerializationException e) {
      return rejected(job, "A record of " + topic + " (" + bytes.length + " bytes, key " + job + ") is not a"
          + " milvus-migrate control command and was ignored: send a JSON object with command_id, job_id, type"
          + " (STOP_SYNC, CUTOVER or CANCEL) and issued_at, as ControlCommand.schema.json describes; nothing was changed. ("
          + e.getMessage() + ")");
    }
  }

  private static ControlRecord rejected(String job, String message) {
    return new ControlRecord(null, Notification.newBuilder().setId(job + "-malformed-" + System.nanoTime())
        .setJobId(job).setKind(NotificationKind.ERROR).setMessage(message).setAt(System.currentTimeMillis()).build());
  }
}
