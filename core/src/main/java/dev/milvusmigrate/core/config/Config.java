package dev.milvusmigrate.core.config;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Resolved and validated settings of one service. Read typed values with {@link #get}. */
public final class Config {

  /** {@code user:password@} of a URL in any value. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private final ConfigSpec spec;
  private final Map<String, Object> values;

  Config(ConfigSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = Map.copyOf(values);
  }

  /** The name of the service these settings are of. */
  public String service() {
    return spec.service();
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    if (!spec.declares(key.name())) {
      throw new IllegalArgumentException(spec.service() + " does not declare '" + key.name() + "'");
    }
    return (T) values.get(key.name());
  }

  /** One line of every setting for the start-up log, with secrets and credentials in URLs masked. */
  public String describe() {
    StringJoiner line = new StringJoiner(", ", spec.service() + " config: ", "");
    for (ConfigKey<?> key : spec.keys()) {
      Object value = values.get(key.name());
      String shown = value == null ? "(unset)" : key.isSecret() ? "****"
          : USER_INFO.matcher(value.toString()).replaceAll("****@");
      line.add(key.name() + "=" + shown);
    }
    return line.toString();
  }
}
