package dev.milvusmigrate.milvus.wal;

/** A DML channel record that is not a Milvus message capture can read; the message says which and why. */
public final class WalDecodeException extends RuntimeException {

  WalDecodeException(String message) {
    super(message);
  }

  WalDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
