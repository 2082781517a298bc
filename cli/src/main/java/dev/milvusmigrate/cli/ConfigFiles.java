package dev.milvusmigrate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

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
}
