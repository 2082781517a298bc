package dev.milvusmigrate.cli;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.runtime.ConsumerMeters;
import dev.milvusmigrate.runtime.ServiceRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The Prometheus names the services export: their own meters, read from the declarations in the
 * modules' main sources (a counter gains {@code _total}), and the JVM, process and Kafka consumer
 * meters, scraped from a service registry with a consumer bound as the sink-writer binds its own.
 */
final class ExportedMetrics {

  private static final Pattern NAME = Pattern.compile("\"(milvus\\.migrate\\.[a-z.]+)\"");
  private static final Pattern CONSTANT = Pattern.compile("(\\w+)\\s*=\\s*\"(milvus\\.migrate\\.[a-z.]+)\"");

  private ExportedMetrics() {}

  static Set<String> all(Path root) {
    Set<String> names = new TreeSet<>(declared(root));
    names.addAll(scraped());
    return names;
  }

  /** The services' own meters: every {@code milvus.migrate.*} name, as a counter or a gauge. */
  static Set<String> declared(Path root) {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")
              && !file.toString().contains("/target/"))
          .forEach(file -> names.addAll(declaredIn(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static Set<String> declaredIn(Path file) {
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> constants = new HashMap<>();
    Matcher constant = CONSTANT.matcher(source);
    while (constant.find()) {
      constants.put(constant.group(2), constant.group(1));
    }
    Set<String> names = new TreeSet<>();
    Matcher name = NAME.matcher(source);
    while (name.find()) {
      String meter = name.group(1);
      String reference = constants.containsKey(meter) ? constants.get(meter) : Pattern.quote(name.group());
      boolean counter = Pattern.compile("\\.counter\\(\\s*" + reference + "(?!\\w)").matcher(source).find();
      boolean gauge = Pattern.compile("Gauge\\.builder\\(\\s*" + reference + "(?!\\w)").matcher(source).find();
      if (counter == gauge) {
        throw new IllegalStateException(meter + " in " + file + " is not registered as exactly one counter or gauge:"
            + " teach ExportedMetrics the Prometheus names of its kind");
      }
      String prometheus = meter.replace('.', '_');
      names.add(counter ? prometheus + "_total" : prometheus);
    }
    return names;
  }

  /** The names a service's registry serves before any job, with a Kafka consumer's meters bound. */
  static Set<String> scraped() {
    String scrape;
    try (ServiceRegistry registry = new ServiceRegistry("exported-metrics");
        KafkaConsumer<String, byte[]> consumer = new KafkaClients("localhost:9", Map.of()).keyReader("exported-metrics");
        ConsumerMeters meters = ConsumerMeters.bind(consumer, registry.registry(), Tags.of("job_id", "job-1"))) {
      scrape = registry.registry().scrape();
    }
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }
}
