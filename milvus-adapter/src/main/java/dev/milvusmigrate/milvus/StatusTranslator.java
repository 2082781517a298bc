package dev.milvusmigrate.milvus;

import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import io.milvus.grpc.Status;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * Turns a Milvus {@link Status} or a gRPC failure into a {@link MilvusAccessException} whose
 * message is one sentence naming the server (its label, never credentials) and what to do.
 */
final class StatusTranslator {

  private static final int LEGACY_PERMISSION_DENIED = 3;
  private static final int LEGACY_COLLECTION_NOT_EXISTS = 4;
  private static final int LEGACY_FORCE_DENY = 48;
  private static final int LEGACY_RATE_LIMIT = 49;
  /** Milvus's {@code ErrCollectionNotLoaded}. */
  private static final int COLLECTION_NOT_LOADED = 101;

  private StatusTranslator() {}

  static boolean isSuccess(Status status) {
    return status.getCode() == 0 && status.getErrorCodeValue() == 0;
  }

  static MilvusAccessException fromStatus(String serverLabel, String action, Status status) {
    String reason = status.getReason().isBlank() ? "error code " + status.getCode() : status.getReason();
    return build(kindOf(status), serverLabel, action, reason, null);
  }

  static MilvusAccessException fromGrpc(String serverLabel, String action, StatusRuntimeException error) {
    if (answeredWithoutTls(error)) {
      return new MilvusAccessException(Kind.UNREACHABLE, "Milvus at " + serverLabel + " does not speak TLS (its answer"
          + " is not a TLS record): use " + serverLabel.replaceFirst("^https://", "http://") + " if the server has"
          + " no TLS, or check the port.", error);
    }
    String description = error.getStatus().getDescription();
    String reason = description == null ? error.getStatus().getCode().name() : description;
    return build(kindOf(error.getStatus().getCode(), reason), serverLabel, action, reason, error);
  }

  /** A TLS client got plain bytes back: the server at that port does not use TLS. */
  private static boolean answeredWithoutTls(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getSimpleName().equals("NotSslRecordException")) {
        return true;
      }
    }
    return false;
  }

  static MilvusAccessException build(Kind kind, String serverLabel, String action, String reason, Throwable cause) {
    String message = "Milvus at " + serverLabel + " could not " + action + " (" + trimmed(reason) + "): "
        + advice(kind) + ".";
    return new MilvusAccessException(kind, message, trimmed(reason), cause);
  }

  static Kind kindOf(Status status) {
    int code = status.getCode();
    int legacy = status.getErrorCodeValue();
    if (code == 1400 || code == 1401 || code == 1402 || legacy == LEGACY_PERMISSION_DENIED) {
      return Kind.UNAUTHENTICATED;
    }
    if (code == 100 || code == 200 || code == 800 || legacy == LEGACY_COLLECTION_NOT_EXISTS) {
      return Kind.NOT_FOUND;
    }
    if (code == 4 || code == 8 || code == 9 || legacy == LEGACY_RATE_LIMIT || legacy == LEGACY_FORCE_DENY
        || status.getRetriable()) {
      return Kind.RETRYABLE;
    }
    if (code == 10) {
      return Kind.UNSUPPORTED;
    }
    if (code == COLLECTION_NOT_LOADED) {
      return Kind.NOT_LOADED;
    }
    return kindOfReason(status.getReason());
  }

  static Kind kindOf(io.milvus.shaded.io.grpc.Status.Code code, String reason) {
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED -> Kind.UNREACHABLE;
      case UNAUTHENTICATED, PERMISSION_DENIED -> Kind.UNAUTHENTICATED;
      case NOT_FOUND -> Kind.NOT_FOUND;
      case ALREADY_EXISTS -> Kind.CONFLICT;
      case RESOURCE_EXHAUSTED, ABORTED -> Kind.RETRYABLE;
      case UNIMPLEMENTED -> Kind.UNSUPPORTED;
      default -> kindOfReason(reason);
    };
  }

  /**
   * Servers that only set the deprecated or generic codes still say what happened in words. Names
   * the reason quotes ('authors', [collection=authors]) are not words about what happened.
   */
  static Kind kindOfReason(String reason) {
    String text = reason.toLowerCase(Locale.ROOT).replaceAll("'[^']*'|\\[[^]]*]", "");
    if (containsAny(text, "authenticat", "authoriz", "credential", "permission", "privilege", "password")) {
      return Kind.UNAUTHENTICATED;
    }
    if (containsAny(text, "not found", "not exist", "doesn't exist", "does not exist", "no index on",
        "can't find")) {
      return Kind.NOT_FOUND;
    }
    if (text.contains("not loaded")) {
      return Kind.NOT_LOADED;
    }
    if (containsAny(text, "already exist", "duplicate")) {
      return Kind.CONFLICT;
    }
    if (containsAny(text, "rate limit", "too many requests", "busy", "quota", "not ready")) {
      return Kind.RETRYABLE;
    }
    if (containsAny(text, "not support", "unsupported", "unimplemented", "not implemented")) {
      return Kind.UNSUPPORTED;
    }
    return Kind.SERVER_ERROR;
  }

  private static String advice(Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> "check the address, port and TLS settings and that the server is running";
      case UNAUTHENTICATED -> "check the configured token or user and password and their privileges";
      case NOT_FOUND -> "check the database, collection and partition names";
      case CONFLICT -> "drop or rename the existing one, or choose another name";
      case UNSUPPORTED -> "this server version cannot do it; use a newer Milvus or leave the feature out";
      case NOT_LOADED -> "load the collection, or, when the server has just restarted, wait until it has loaded its"
          + " collections again";
      case RETRYABLE -> "the server is busy or rate limited; retry later";
      case SERVER_ERROR -> "see the server log for details";
    };
  }

  private static String trimmed(String reason) {
    String oneLine = reason.replaceAll("\\s+", " ").strip();
    return oneLine.endsWith(".") ? oneLine.substring(0, oneLine.length() - 1) : oneLine;
  }

  private static boolean containsAny(String text, String... needles) {
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    return false;
  }
}
