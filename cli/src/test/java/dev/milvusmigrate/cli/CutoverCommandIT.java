package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cutover command's refusals against a real broker: one sentence, exit code 2, no command sent. */
@ExtendWith(KafkaBrokerExtension.class)
class CutoverCommandIT {

  private static final String PREFIX = "cli-cutover-it";
  private final TopicNames topics = new TopicNames(PREFIX);
  private KafkaClients clients;
  private String kafka;

  @BeforeEach
  void provision(KafkaBroker broker) {
    kafka = broker.bootstrapServers();
    clients = new KafkaClients(kafka, Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    job("log-job", JobMode.ZERO_DOWNTIME, JobState.IN_PROGRESS, null);
    job("ended-job", JobMode.ZERO_DOWNTIME, JobState.FAILED, "proxy-a");
    job("offline-job", JobMode.OFFLINE, JobState.IN_PROGRESS, null);
  }

  @Test
  void aJobThatReadsTheSourceLogIsBadInputAndNothingIsSent() {
    CliRun run = CliRun.of("cutover", "log-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Job 'log-job' reads the source's own log, not a capture-proxy: stop"
        + " the applications' writes and run stop-sync log-job --confirm-writes-stopped instead.");
    assertThat(TopicReader.readAll(kafka, topics.control(), ControlCommand.class)).map(r -> r.value())
        .noneMatch(c -> c.getType() == CommandType.CUTOVER);
  }

  @Test
  void anEndedJobIsBadInput() {
    CliRun run = CliRun.of("cutover", "ended-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Job 'ended-job' already ended FAILED: there is nothing to cut over.");
  }

  @Test
  void anOfflineJobIsBadInput() {
    CliRun run = CliRun.of("cutover", "offline-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Job 'offline-job' is an offline job, which ends by itself: there is"
        + " nothing to cut over.");
  }

  @Test
  void anUnknownJobIsBadInput() {
    CliRun run = CliRun.of("cutover", "ghost", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("No job 'ghost' on Kafka at " + kafka + " under prefix " + PREFIX
        + ": run 'milvus-migrate status' to list the jobs.");
  }

  @Test
  void withoutKafkaItIsBadInput() {
    CliRun run = CliRun.of("cutover", "log-job");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("This command needs the Kafka the job runs on: give --kafka BOOTSTRAP");
  }

  private void job(String id, JobMode mode, JobState state, String proxy) {
    JobSpec spec = JobSpecs.zeroDowntime(id, IndexPolicy.AUTOINDEX, "http://source:19530", "http://target:19530");
    spec.setMode(mode);
    spec.setCaptureProxy(proxy);
    send(JobSpec.class, topics.jobs(), id, spec);
    JobStatus status = RenderingTest.status(id, state, state == JobState.FAILED ? "Verification failed." : null);
    status.setMode(mode);
    send(JobStatus.class, topics.status(), id, status);
  }

  private <V extends SpecificRecordBase> void send(Class<V> type, String topic, String key, V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, "cutover-it")) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }
  }
}
