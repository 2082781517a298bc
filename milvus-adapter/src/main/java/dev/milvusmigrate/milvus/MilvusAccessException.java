package dev.milvusmigrate.milvus;

/**
 * A Milvus call failed. The message is one sentence saying what is wrong and what to do, and
 * never contains credentials; {@link #kind()} lets callers decide between retrying and failing
 * the job.
 */
public final class MilvusAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as callers need to know. */
  public enum Kind {
    /** Server not reachable (network, wrong address, TLS mismatch): retry, then fail clearly. */
    UNREACHABLE,
    /** Credentials missing or refused. */
    UNAUTHENTICATED,
    /** Database, collection or partition does not exist. */
    NOT_FOUND,
    /** Exists with another definition (e.g. a target collection with a different schema). */
    CONFLICT,
    /** The server cannot do this (e.g. a field type it does not store). */
    UNSUPPORTED,
    /**
     * The collection is not loaded: released, or being loaded again by a server that restarted
     * (which answers so until its collections are back).
     */
    NOT_LOADED,
    /** Server busy or rate limited: safe to retry. */
    RETRYABLE,
    /** Anything else the server reported. */
    SERVER_ERROR
  }

  private final Kind kind;
  private final String reason;

  public MilvusAccessException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public MilvusAccessException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  MilvusAccessException(Kind kind, String message, String reason, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  /** What the server said, without the action and advice around it; the whole message where the server said nothing. */
  public String reason() {
    return reason != null ? reason : getMessage();
  }

  public boolean isRetryable() {
    return kind == Kind.RETRYABLE || kind == Kind.UNREACHABLE;
  }
}
