package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the CLI's logging configuration, the embedded broker's log lines go to their file, never to the terminal. */
class BrokerLogTest {

  @TempDir
  Path temporary;

  @Test
  void anErrorOfTheEmbeddedBrokerIsWrittenToTheBrokerLogFileAndNotTheConsole() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("user.home", temporary.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
    String marker = "broker-log-test-" + UUID.randomUUID();

    context.getLogger("kafka.server.ReplicaManager").error(marker);

    FileAppender<?> file = (FileAppender<?>) context.getLogger("kafka").getAppender("BROKER");
    assertThat(context.getLogger("kafka").isAdditive()).as("broker lines also reaching the terminal").isFalse();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(context.getLogger("org.apache.kafka.clients").getAppender("BROKER")).isNull();
    context.stop();
    assertThat(Path.of(file.getFile())).isEqualTo(temporary.resolve(".cache/milvus-migrate/logs/embedded-broker.log"));
    assertThat(Files.readString(Path.of(file.getFile()))).contains(marker);
  }
}
