package dev.milvusmigrate.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One declared setting: its name (e.g. {@code source.uri}), a one-line doc, a default (absent
 * means required) and how to parse and check its text. The environment variable that overrides
 * it is derived from the name: {@code MILVUS_MIGRATE_SOURCE_URI}.
 */
public final class ConfigKey<T> {

  static final String ENV_PREFIX = "MILVUS_MIGRATE_";
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");

  private final String name;
  private final String doc;
  private final String defaultText;
  private final String expected;
  private final Function<String, T> parser;
  private final boolean secret;

  private ConfigKey(String name, String doc, String defaultText, String expected,
      Function<String, T> parser, boolean secret) {
    if (!name.matches("[a-z][a-z0-9.-]*")) {
      throw new IllegalArgumentException("Config key names are lower case with dots: " + name);
    }
    this.name = name;
    this.doc = doc;
    this.defaultText = defaultText;
    this.expected = expected;
    this.parser = parser;
    this.secret = secret;
  }

  public static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, doc, defaultValue, "a text", Function.identity(), false);
  }

  public static ConfigKey<Integer> integer(String name, Integer defaultValue, int min, int max, String doc) {
    return new ConfigKey<>(name, doc, defaultValue == null ? null : defaultValue.toString(),
        "a whole number from " + min + " to " + max, text -> parseInt(text, min, max), false);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, doc, Boolean.toString(defaultValue), "true or false",
        ConfigKey::parseBoolean, false);
  }

  /**
   * A text that {@code check} accepts (it throws {@link IllegalArgumentException} otherwise);
   * {@code expected} tells users what to give instead. An empty text is never checked: a required
   * key rejects it as missing, an optional one means "not set".
   */
  public static ConfigKey<String> checked(String name, String defaultValue, String expected, Consumer<String> check,
      String doc) {
    return new ConfigKey<>(name, doc, defaultValue, expected, text -> {
      if (!text.isEmpty()) {
        check.accept(text);
      }
      return text;
    }, false);
  }

  /** A comma-separated list of {@code host:port}, such as Kafka bootstrap servers. */
  public static ConfigKey<String> hostPorts(String name, String defaultValue, String doc) {
    return checked(name, defaultValue, "host:port pairs separated by commas, e.g. kafka:9092",
        ConfigKey::checkHostPorts, doc);
  }

  /** A duration in ISO-8601 ({@code PT10S}) or short form ({@code 10s}, {@code 500ms}, {@code 7d}). */
  public static ConfigKey<Duration> duration(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, doc, defaultValue, "a duration such as 500ms, 10s, 5m, 7d or PT10S",
        ConfigKey::parseDuration, false);
  }

  /** The same key, whose value is never shown in messages, logs or descriptions. */
  public ConfigKey<T> secret() {
    return new ConfigKey<>(name, doc, defaultText, expected, parser, true);
  }

  public String name() {
    return name;
  }

  public String doc() {
    return doc;
  }

  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  public boolean isSecret() {
    return secret;
  }

  public String envName() {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      String shown = secret ? "" : " '" + text + "'";
      throw new ConfigException("Setting '" + name + "' has an invalid value" + shown
          + ": expected " + expected + ".");
    }
  }

  private static int parseInt(String text, int min, int max) {
    int value = Integer.parseInt(text);
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  private static void checkHostPorts(String text) {
    for (String entry : text.split(",", -1)) {
      Matcher matcher = HOST_PORT.matcher(entry.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not host:port");
      }
      parseInt(matcher.group(2), 1, 65535);
    }
  }

  private static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static Duration parseDuration(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      return Duration.parse(text);
    }
    Matcher matcher = SHORT_DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
