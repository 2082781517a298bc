package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

  private final TopicNames topics = TopicNames.withDefaultPrefix();
  private final JobId job = new JobId("job-42");

  @Test
  void perJobTopicsCarryTheJobId() {
    assertThat(topics.snapshot(job)).isEqualTo("milvus-migrate.job.job-42.snapshot");
    assertThat(topics.mutations(job)).isEqualTo("milvus-migrate.job.job-42.mutations");
    assertThat(topics.exporterCheckpoints(job)).isEqualTo("milvus-migrate.job.job-42.exporter-checkpoints");
    assertThat(topics.captureCheckpoints(job)).isEqualTo("milvus-migrate.job.job-42.capture-checkpoints");
  }

  @Test
  void sharedTopicsUseThePrefixOnly() {
    TopicNames custom = new TopicNames("prod");
    assertThat(custom.jobs()).isEqualTo("prod.jobs");
    assertThat(custom.progress()).isEqualTo("prod.progress");
    assertThat(custom.control()).isEqualTo("prod.control");
    assertThat(custom.status()).isEqualTo("prod.status");
    assertThat(custom.lag()).isEqualTo("prod.lag");
    assertThat(custom.notifications()).isEqualTo("prod.notifications");
    assertThat(custom.deadLetters()).isEqualTo("prod.dead-letters");
    assertThat(custom.services()).isEqualTo("prod.services");
  }

  @Test
  void rejectsNamesKafkaWouldRefuse() {
    assertThatThrownBy(() -> new TopicNames("bad prefix")).hasMessageContaining("is invalid");
    assertThatThrownBy(() -> new JobId("job/1")).hasMessageContaining("Job id 'job/1' is invalid");
    assertThatThrownBy(() -> new JobId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobId("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theProxysChangesAreNamedForItsSource() {
    assertThat(new TopicNames("prod").proxyChanges("lite-1")).isEqualTo("prod.proxy.lite-1.changes");
    assertThatThrownBy(() -> topics.proxyChanges("a b")).hasMessageContaining("Source id 'a b' is invalid");
  }
}
