package dev.milvusmigrate.core.domain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Identifies one migration job. It becomes part of Kafka topic names, so it is restricted to
 * the characters Kafka allows and kept short enough to leave room for the topic suffixes.
 */
public record JobId(String value) {

  private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}");

  public JobId {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw new IllegalArgumentException("Job id '" + value + "' is invalid: use 1 to 128 letters,"
          + " digits, '-' or '_', starting with a letter or digit.");
    }
  }

  /** A new id {@code <mode>-<date>-<time>-<hex>}, e.g. {@code offline-20260101-120000-a1b2}. */
  public static JobId generated(String mode) {
    return new JobId(mode + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
        Locale.ROOT)) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
  }

  @Override
  public String toString() {
    return value;
  }
}
