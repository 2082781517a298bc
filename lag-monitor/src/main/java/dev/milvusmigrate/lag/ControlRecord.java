package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record of the control topic: a command, or, when the bytes are not a control command or name
 * no job, the ERROR notification that says so; a malformed command never stops the application.
 */
record ControlRecord(ControlCommand command, Notification rejection) {

  private static final AvroSerde<ControlCommand> COMMANDS = AvroSerde.of(ControlCommand.class);

  static ControlRecord decode(String topic, String key, byte[] bytes) {
    String job = key == null ? "unknown" : key;
    try {
      ControlCommand command = COMMANDS.deserializer().deserialize(topic, bytes);
      if (command.getJobId() == null || command.getJobId().isBlank()) {
        return rejected(job, "A control command " + command.getCommandId() + " names no job: send it again with the"
            + " job id; nothing was changed.");
      }
      return new ControlRecord(command, null);
    } catch (SerializationException e) {
      return rejected(job, "A record of " + topic + " (" + bytes.length + " bytes, key " + job + ") is not a"
          + " milvus-migrate control command and was ignored: send commands with the milvus-migrate CLI. ("
          + e.getMessage() + ")");
    }
  }

  private static ControlRecord rejected(String job, String message) {
    return new ControlRecord(null, Notification.newBuilder().setId(job + "-malformed-" + System.nanoTime())
        .setJobId(job).setKind(NotificationKind.ERROR).setMessage(message).setAt(System.currentTimeMillis()).build());
  }
}
