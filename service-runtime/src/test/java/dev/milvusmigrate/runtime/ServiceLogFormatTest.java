package dev.milvusmigrate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line format of logback-service.xml, the logging of every service run on its own. */
class ServiceLogFormatTest {

  private final LoggerContext context = new LoggerContext();
  private OutputStreamAppender<ILoggingEvent> appender;

  @BeforeEach
  void configure() throws Exception {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback-service.xml"));
    appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
  }

  @Test
  void anEventIsOneLineNamingItsJobAndCollectionWithTheStackTraceFoldedIn() {
    LoggingEvent event = event(Level.ERROR, "Writing batch {} failed:\nthe target said no",
        new IllegalStateException("boom", new RuntimeException("root cause")));
    event.setMDCPropertyMap(Map.of(LogContext.JOB, "job-1", LogContext.COLLECTION, "shop.books"));

    String line = format(event);

    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.strip()).doesNotContain("\n", "\r")
        .contains(" ERROR [main] dev.milvusmigrate.sink.SnapshotSink job=job-1 collection=shop.books - Writing batch 3 failed:"
            + " the target said no ")
        .contains("java.lang.IllegalStateException: boom")
        .contains("Caused by: java.lang.RuntimeException: root cause");
  }

  @Test
  void anEventOutsideAnyJobShowsDashes() {
    LoggingEvent event = event(Level.INFO, "sink-writer started", null);
    event.setMDCPropertyMap(Map.of());

    String line = format(event);

    assertThat(line).contains(" INFO  [main] dev.milvusmigrate.sink.SnapshotSink job=- collection=- - sink-writer started"
        + System.lineSeparator());
  }

  private LoggingEvent event(Level level, String message, Throwable error) {
    Logger logger = context.getLogger("dev.milvusmigrate.sink.SnapshotSink");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, error, new Object[] {3});
    event.setThreadName("main");
    return event;
  }

  private String format(LoggingEvent event) {
    return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
  }
}
