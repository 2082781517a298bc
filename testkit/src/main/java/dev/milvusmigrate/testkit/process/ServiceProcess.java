package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One service of the pipeline as an operating-system process of its own, started through its
 * real {@code main} with a properties file ({@code --config}), as an operator would run it. It
 * can be killed with SIGKILL (no shutdown hook runs) and started again on the same settings.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String name;
  private final String mainClass;
  private final Path directory;
  private final Path config;
  private final List<String> launcher;
  private ChildProcess process;

  private ServiceProcess(String name, String mainClass, Path directory, Path config, List<String> launcher) {
    this.launcher = List.copyOf(launcher);
    this.name = name;
    this.mainClass = mainClass;
    this.directory = directory;
    this.config = config;
  }

  /** Writes the settings to {@code directory/<name>.properties} and starts the service. */
  public static ServiceProcess start(String name, String mainClass, Path directory, Map<String, String> settings) {
    return start(name, mainClass, directory, settings, List.of());
  }

  /** @param launcher a command prefix the service is started with, e.g. {@code ip netns exec NS}; empty for none */
  public static ServiceProcess start(String name, String mainClass, Path directory, Map<String, String> settings,
      List<String> launcher) {
    Path config = directory.resolve(name + ".properties");
    Properties properties = new Properties();
    properties.putAll(settings);
    try (OutputStream out = Files.newOutputStream(config)) {
      properties.store(out, name);
      Files.writeString(directory.resolve(name + "-logback.xml"), logback(directory.resolve(name + ".log")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the settings of " + name + " in " + directory, e);
    }
    ServiceProcess service = new ServiceProcess(name, mainClass, directory, config, launcher);
    service.launch();
    return service;
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}, then the same service started again on the same settings. */
  public void killAndRestart() {
    kill();
    restart();
  }

  /** {@code kill -9}: no shutdown hook runs. */
  public void kill() {
    process.kill();
  }

  /** The same service started again on the same settings, after {@link #kill}. */
  public void restart() {
    launch();
  }

  /** Exit status and the end of its output, for a failure message. */
  public String describe() {
    return process.describe(30);
  }

  private void launch() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(java, "-Xmx384m", "-Dlogback.configurationFile=" + directory.resolve(name + "-logback.xml"),
        "-cp", System.getProperty("java.class.path"), mainClass, "--config", config.toString()));
    process = ChildProcess.start(name, command, Map.of(), directory, STOP_GRACE);
  }

  /** The service's own INFO log in one file per service, appended across restarts. */
  private static String logback(Path file) {
    return """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{30} - %%msg%%n</pattern></encoder>
          </appender>
          <logger name="dev.milvusmigrate" level="INFO"/>
          <root level="WARN"><appender-ref ref="FILE"/></root>
        </configuration>
        """.formatted(file);
  }

  /** SIGTERM, as a deployment stops it. */
  @Override
  public void close() {
    process.close();
  }
}
