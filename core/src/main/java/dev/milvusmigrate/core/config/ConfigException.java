package dev.milvusmigrate.core.config;

/** A configuration problem, described in one sentence that says what to change. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
