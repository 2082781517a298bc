package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verifier compares (partition, key) pairs and fails a target that holds a key twice, on
 * Milvus 2.3.5 (whose {@code count(*)} counts a key inserted twice), with collections written by
 * pymilvus: two databases filled identically, then the target changed as a faulty pipeline would.
 */
@ExtendWith(MilvusStandaloneExtension.class)
class PartitionVerificationIT {

  private static final int ROWS = 300;
  private static final String COLLECTION = "rich";
  private static final String TARGET_INDEXED_WITH_IP = "target-indexed-with-ip";

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final PyMilvusWorkload sourceData = new PyMilvusWorkload("psrc_" + suffix, COLLECTION,
      List.of("p_north", "p_south"));
  private final PyMilvusWorkload targetData = new PyMilvusWorkload("ptgt_" + suffix, COLLECTION,
      List.of("p_north", "p_south"));
  private String uri;
  private MilvusSession session;

  @BeforeEach
  void setUp(MilvusStandaloneServer milvus, TestInfo test) {
    uri = milvus.uri();
    sourceData.create(uri, ROWS, false);
    targetData.create(uri, ROWS, false, test.getTags().contains(TARGET_INDEXED_WITH_IP) ? "IP" : "L2");
    session = MilvusConnector.connect(MilvusEndpoint.of(uri));
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void equalPartitionsPassAndEveryPartitionIsCounted() {
    VerificationReport report = verify();

    assertThat(report.getPassed()).as(report.toString()).isTrue();
    assertThat(report.getSourceDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getExcessInTarget()).isZero();
    assertThat(report.getMismatched()).isZero();
    assertThat(report.getFindings()).anyMatch(finding -> finding.startsWith("search parity of embedding (L2, top 10,"
        + " 10 queries from the source's own entities): the target found 100% of the queried entities and returned ")
        && finding.endsWith("% of the source's results"));
  }

  /** The entities are equal, but the target's index answers searches with another metric. */
  @Test
  @Tag(TARGET_INDEXED_WITH_IP)
  void aTargetIndexedWithAnotherMetricFailsSearchParityThoughEveryEntityIsEqual() {
    VerificationReport report = verify();

    assertThat(report.getPassed()).as(report.toString()).isFalse();
    assertThat(report.getMissingInTarget() + report.getUnexpectedInTarget() + report.getMismatched()).isZero();
    assertThat(report.getSchemaDifferences()).isEmpty();
    assertThat(report.getFindings()).anyMatch(finding -> finding.startsWith("search parity of embedding (L2 on the"
        + " source, IP on the target, top 10, 10 queries from the source's own entities): the target found ")
        && finding.endsWith(": the target does not answer searches as the source does (check the metric and index"
        + " of embedding)"));
  }

  @Test
  void aKeyResurrectedInASecondPartitionFailsNamingThePartition() {
    // workload.py spreads keys over _default, p_north, p_south by key % 3: key 3 lives in _default.
    targetData.put(uri, "p_north", 0, 3);

    VerificationReport report = verify();

    assertThat(report.getPassed()).isFalse();
    assertThat(report.getUnexpectedInTarget()).isEqualTo(1);
    assertThat(report.getMissingInTarget()).isZero();
    assertThat(report.getExampleKeys()).contains("unexpected in target: 3 (partition p_north)");
  }

  @Test
  void aKeyInsertedTwiceIntoOnePartitionOfTheTargetFailsWhileTheSameOnTheSourceIsANote() {
    targetData.put(uri, "_default", 0, 6);

    VerificationReport targetTwice = verify();

    assertThat(targetTwice.getPassed()).isFalse();
    assertThat(targetTwice.getExcessInTarget()).isEqualTo(1);
    assertThat(targetTwice.getTargetCount()).isEqualTo(ROWS + 1);
    assertThat(targetTwice.getExampleKeys()).contains("the target counts 301 rows for 300 distinct keys, the source"
        + " 300 for 300: 1 rows repeat a key the source holds once");

    sourceData.put(uri, "_default", 0, 6);

    VerificationReport both = verify();

    assertThat(both.getPassed()).as(both.toString()).isTrue();
    assertThat(both.getFindings()).anySatisfy(finding -> assertThat(finding).startsWith("The source counts 301 rows"));
  }

  /**
   * Every scalar, JSON, ARRAY and vector type pymilvus wrote alike into both databases digests
   * alike; the default sample of 300 entities is nearly all of them.
   */
  @Test
  void inFullEveryEntityOfEveryPartitionIsComparedAndTheDefaultSampleStatesItsGuarantee() {
    VerificationReport full = verifier(SampleSize.defaults()).inFull()
        .verify("job-p", new CollectionName("psrc_" + suffix, COLLECTION), "ptgt_" + suffix);
    VerificationReport sampled = verifier(SampleSize.defaults())
        .verify("job-p", new CollectionName("psrc_" + suffix, COLLECTION), "ptgt_" + suffix);

    assertThat(full.getPassed()).as(full.toString()).isTrue();
    assertThat(full.getComparedInFull()).isTrue();
    assertThat(full.getSampled()).isEqualTo(ROWS);
    assertThat(full.getDetectionProbability()).isEqualTo(1.0);
    assertThat(sampled.getPassed()).as(sampled.toString()).isTrue();
    assertThat(sampled.getComparedInFull()).isFalse();
    assertThat(sampled.getSampled()).as("297 random keys find one of 300 with 99 %%").isBetween(297, ROWS);
    assertThat(sampled.getDetectionProbability()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void inFullAKeyResurrectedInASecondPartitionFailsNamingThePartition() {
    targetData.put(uri, "p_north", 0, 3);

    VerificationReport report = verifier(SampleSize.defaults()).inFull()
        .verify("job-p", new CollectionName("psrc_" + suffix, COLLECTION), "ptgt_" + suffix);

    assertThat(report.getPassed()).isFalse();
    assertThat(report.getUnexpectedInTarget()).isEqualTo(1);
    assertThat(report.getSampled()).as("the entities both sides hold in the same partition").isEqualTo(ROWS);
    assertThat(report.getMismatched()).isZero();
    assertThat(report.getExampleKeys()).contains("unexpected in target: 3 (partition p_north)");
  }

  private VerificationReport verify() {
    return verifier(new SampleSize(100, 20))
        .verify("job-p", new CollectionName("psrc_" + suffix, COLLECTION), "ptgt_" + suffix);
  }

  private CollectionVerifier verifier(SampleSize size) {
    return new CollectionVerifier(session, session, size, new Random(3));
  }
}
