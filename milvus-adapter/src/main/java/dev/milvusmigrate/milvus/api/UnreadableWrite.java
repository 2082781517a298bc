package dev.milvusmigrate.milvus.api;

/** The bytes of a write call, or the values it carries, are not what the Milvus API sends; the sentence says what. */
public final class UnreadableWrite extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnreadableWrite(String message) {
    super(message);
  }

  UnreadableWrite(String message, Throwable cause) {
    super(message, cause);
  }
}
