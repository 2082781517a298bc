package dev.milvusmigrate.e2e;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code milvus-migrate offline} run in this JVM on the test kit's shared broker, under a topic
 * prefix of its own (the CLI's embedded broker would cost a start-up per run and is covered by
 * the cli module's tests).
 */
final class OfflineRun {

  private OfflineRun() {}

  /** Runs {@code offline --source S --target T --database D --job-id D} plus the extra arguments. */
  static InProcessCli.Run of(String source, String target, String database, String... extra) {
    List<String> args = new ArrayList<>(List.of("offline", "--source", source, "--target", target,
        "--database", database, "--job-id", database, "--kafka", KafkaBroker.shared().bootstrapServers(),
        "--topic-prefix", topicPrefix(database)));
    args.addAll(List.of(extra));
    return InProcessCli.run(args.toArray(String[]::new));
  }

  static String topicPrefix(String database) {
    return "e2e-" + database;
  }
}
