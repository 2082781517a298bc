package dev.milvusmigrate.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves a {@link ConfigSpec}: an explicit override wins over the environment variable, which
 * wins over the properties file, which wins over the default. Unknown keys in the file are
 * rejected, so a typo is not silently ignored.
 */
public final class ConfigLoader {

  private final ConfigSpec spec;

  public ConfigLoader(ConfigSpec spec) {
    this.spec = spec;
  }

  /** Loads with the process environment and an optional properties file. */
  public Config load(Path propertiesFile, Map<String, String> overrides) {
    return load(readFile(propertiesFile), System.getenv(), overrides);
  }

  public Config load(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    rejectUnknown(file);
    Map<String, Object> values = new HashMap<>();
    for (ConfigKey<?> key : spec.keys()) {
      String text = firstPresent(overrides.get(key.name()), env.get(key.envName()), file.get(key.name()),
          key.defaultText().orElse(null));
      if (text == null || text.isBlank() && key.defaultText().isEmpty()) {
        throw new ConfigException("Missing required setting '" + key.name() + "' for " + spec.service()
            + ": set it in the config file or the environment variable " + key.envName() + ".");
      }
      values.put(key.name(), key.parse(text));
    }
    return new Config(spec, values);
  }

  private void rejectUnknown(Map<String, String> file) {
    for (String name : file.keySet()) {
      if (!spec.declares(name)) {
        throw new ConfigException("Unknown setting '" + name + "' in the config file of " + spec.service()
            + ": remove it or check its spelling against the documented keys.");
      }
    }
  }

  private static String firstPresent(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  private static Map<String, String> readFile(Path file) {
    Map<String, String> map = new HashMap<>();
    if (file == null) {
      return map;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage() + ".");
    }
    props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
    return map;
  }
}
