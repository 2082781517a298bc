package dev.milvusmigrate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRequestTest {

  @Test
  void anOfflineRequestBecomesTheJobTheCliWouldSubmit() {
    JobSpec spec = new JobRequest("offline", "job-1", "http://a:19530", "https://b", "shop", List.of("books"),
        "shop2", "copy-source", true, null, "regenerate").spec();

    assertThat(spec.getJobId()).isEqualTo("job-1");
    assertThat(spec.getMode()).isEqualTo(JobMode.OFFLINE);
    assertThat(spec.getSourceLabel()).isEqualTo("http://a:19530");
    assertThat(spec.getTargetLabel()).isEqualTo("https://b:19530");
    assertThat(spec.getDatabase()).isEqualTo("shop");
    assertThat(spec.getCollections()).containsExactly("books");
    assertThat(spec.getTargetDatabase()).isEqualTo("shop2");
    assertThat(spec.getIndexPolicy()).isEqualTo(IndexPolicy.COPY_SOURCE);
    assertThat(spec.getLoadAtEnd()).isTrue();
    assertThat(spec.getAutoIdKeys()).isEqualTo(AutoIdKeys.REGENERATE);
  }

  @Test
  void aZeroDowntimeRequestGetsAGeneratedId() {
    JobSpec spec = new JobRequest("ZERO_DOWNTIME", null, "http://a:19530", "http://b:19530", null, null, null, null,
        null, null, null).spec();

    assertThat(spec.getMode()).isEqualTo(JobMode.ZERO_DOWNTIME);
    assertThat(spec.getJobId()).matches("zdm-\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(spec.getIndexPolicy()).isEqualTo(IndexPolicy.AUTOINDEX);
    assertThat(spec.getCaptureProxy()).isNull();
    assertThat(spec.getAutoIdKeys()).isEqualTo(AutoIdKeys.KEEP);
  }

  @Test
  void aZeroDowntimeRequestMayNameTheCaptureProxy() {
    JobSpec spec = new JobRequest("zero-downtime", null, "http://a:19530", "http://b:19530", null, null, null, null,
        null, "lite", null).spec();

    assertThat(spec.getCaptureProxy()).isEqualTo("lite");
  }

  @Test
  void aZeroDowntimeRequestThatNamesADatabaseSyncsThatOneOnly() {
    JobSpec scoped = new JobRequest("zero-downtime", null, "http://a:19530", "http://b:19530", "shop", null, null,
        null, null, null, null).spec();
    JobSpec everything = new JobRequest("zero-downtime", null, "http://a:19530", "http://b:19530", null, null, null,
        null, null, null, null).spec();

    assertThat(scoped.getDatabase()).isEqualTo("shop");
    assertThat(everything.getDatabase()).isNull();
  }

  @Test
  void eachMistakeIsOneSentence() {
    assertProblem(new JobRequest("offline", null, "http://a", "http://b", null, null, null, null, null, null, null),
        "An offline job copies one database: give \"database\".");
    assertProblem(new JobRequest("copy", null, "http://a", "http://b", "db", null, null, null, null, null, null),
        "Mode 'copy' is not a job mode: use \"offline\" or \"zero-downtime\".");
    assertProblem(new JobRequest("offline", null, null, "http://b", "db", null, null, null, null, null, null),
        "Give the source server's address, e.g. \"http://milvus:19530\", as configured in the services.");
    assertProblem(new JobRequest("offline", null, "http://root:Milvus@a:19530", "http://b", "db", null, null, null,
        null, null, null), "Name the source by its address only, without credentials: the services deployed for it hold them.");
    assertProblem(new JobRequest("zero-downtime", null, "http://a", "http://b", "db", null, "db2", null, null, null,
        null), "A zero-downtime job copies whole databases into databases of the same name (every database, or the"
            + " one \"database\" names): leave out \"collections\" and \"targetDatabase\".");
    assertProblem(new JobRequest("zero-downtime", null, "http://a", "http://b", " ", null, null, null, null, null, null),
        "\"database\" is blank: name the one database to sync, or leave it out to sync every database.");
    assertProblem(new JobRequest("offline", null, "http://a", "http://b", "db", null, null, "hnsw", null, null, null),
        "'hnsw' is not an index policy: use \"autoindex\" or \"copy-source\".");
    assertProblem(new JobRequest("offline", null, "http://a", "http://b", "db", null, null, null, null, null, "new"),
        "'new' is not an autoId choice: use \"keep-keys\" or \"regenerate\".");
    assertProblem(new JobRequest("zero-downtime", null, "http://a", "http://b", null, null, null, null, null, null,
        "regenerate"), "\"autoId\": \"regenerate\" works only for offline jobs: a zero-downtime job applies the"
            + " source's deletes and upserts by the source's keys, which the target would not hold.");
  }

  private static void assertProblem(JobRequest request, String sentence) {
    assertThatThrownBy(request::spec).isInstanceOf(ApiProblem.class).hasMessage(sentence)
        .extracting(e -> ((ApiProblem) e).status()).isEqualTo(400);
  }
}
