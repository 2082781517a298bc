package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the {@code --config} properties file. */
final class ConfigFiles {

  private ConfigFiles() {}

  static Map<String, String> read(Path file) {
    Map<String, String> values = new HashMap<>();
    if (file == null) {
      return values;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw CliFailure.badInput("Cannot read the config file " + file + ": check that it exists and is readable.");
    }
    props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
    return values;
  }

  /** The file's settings that are keys of one service: the {@code --config} file is the CLI's and may hold others. */
  static Map<String, String> readKeysOf(ConfigSpec service, Path file) {
    Set<String> known = service.keys().stream().map(ConfigKey::name).collect(Collectors.toSet());
    Map<String, String> values = read(file);
    values.keySet().retainAll(known);
    return values;
  }
}
