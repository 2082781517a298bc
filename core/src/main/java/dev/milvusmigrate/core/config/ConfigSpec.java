package dev.milvusmigrate.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All keys one service declares, in the order they are documented. */
public final class ConfigSpec {

  private final String service;
  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

  public ConfigSpec(String service, List<ConfigKey<?>> keys) {
    this.service = service;
    for (ConfigKey<?> key : keys) {
      if (this.keys.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException(service + " declares '" + key.name() + "' twice");
      }
    }
  }

  /** A spec made of shared key groups (e.g. Kafka, endpoints) followed by the service's own keys. */
  @SafeVarargs
  public static ConfigSpec combining(String service, List<ConfigKey<?>>... groups) {
    List<ConfigKey<?>> all = new ArrayList<>();
    for (List<ConfigKey<?>> group : groups) {
      all.addAll(group);
    }
    return new ConfigSpec(service, all);
  }

  public String service() {
    return service;
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(keys.values());
  }

  boolean declares(String name) {
    return keys.containsKey(name);
  }

  /** A Markdown table of every key with its environment variable, default and doc. */
  public String toMarkdown() {
    StringBuilder table = new StringBuilder("| key | environment variable | default | meaning |\n")
        .append("|---|---|---|---|\n");
    for (ConfigKey<?> key : keys.values()) {
      table.append("| `").append(key.name()).append("` | `").append(key.envName()).append("` | ")
          .append(key.defaultText().map(d -> d.isEmpty() ? "(empty)" : "`" + d + "`").orElse("(required)"))
          .append(" | ")
          .append(key.doc()).append(" |\n");
    }
    return table.toString();
  }
}
