package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.wal.WalDecodeException;

/** A record of the source's log that capture cannot read fails the job there, so that no change is skipped. */
final class UnreadableRecord {

  private UnreadableRecord() {}

  /** A record that is not a Milvus message at all. */
  static JobFailure notAMessage(String topic, long offset, WalDecodeException cause) {
    return failure(topic, offset, cause, "check that the source is Milvus 2.2.16-2.5 on Kafka and that nothing else"
        + " writes to its log topics", null, null);
  }

  /** An insert whose values do not fit the schema of the collection it names. */
  static JobFailure notInSchema(WalPosition position, ResolvedCollection collection, WalDecodeException cause) {
    return failure(position.topic(), position.offset(), cause, "the source accepted a write that its collection's"
        + " schema does not describe, which capture will not guess at; report this message to the milvus-migrate"
        + " maintainers", collection.database(), collection.collection());
  }

  private static JobFailure failure(String topic, long offset, WalDecodeException cause, String advice,
      String database, String collection) {
    return new JobFailure("Capture cannot read the record at offset " + offset + " of the source's log " + topic
        + ": " + sentence(cause.getMessage()) + " Capture stopped there so that no change is skipped; " + advice + ".",
        database, collection, cause);
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }
}
