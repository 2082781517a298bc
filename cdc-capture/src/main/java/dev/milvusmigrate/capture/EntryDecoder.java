package dev.milvusmigrate.capture;

/** Turns a log message's value into an entry, or throws a {@code JobFailure} naming the message. */
interface EntryDecoder<E> {
  E decode(String topic, long offset, byte[] value);
}
