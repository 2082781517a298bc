package dev.milvusmigrate.e2e;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The members of a job's two sink consumer groups (snapshot and mutations), as the pipeline's Kafka sees them. */
final class SinkGroups {

  private final String bootstrap;
  private final List<String> groups;

  SinkGroups(String bootstrap, TopicNames topics, JobId job) {
    this.bootstrap = bootstrap;
    this.groups = List.of(topics.prefix() + "-sink-" + job.value(), topics.prefix() + "-sink-mutations-" + job.value());
  }

  /** The members of the larger group; 0 when Kafka does not answer within 10 s. */
  int largest() throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      return admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values().stream()
          .mapToInt(group -> group.members().size()).max().orElse(0);
    } catch (ExecutionException | TimeoutException e) {
      return 0;
    }
  }
}
