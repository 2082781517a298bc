package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.SampleSize;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verifier on its own against Milvus Lite: two databases filled independently with the SDK. */
@ExtendWith(MilvusLiteExtension.class)
class CollectionVerifierIT {

  private static final String COLLECTION = "books";
  private static final int ROWS = 40;

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String sourceDb = "vsrc_" + suffix;
  private final String targetDb = "vtgt_" + suffix;
  private SourceCollections sdk;
  private MilvusSession session;
  private CollectionVerifier verifier;

  @BeforeEach
  void setUp(MilvusLiteServer milvus) throws InterruptedException {
    sdk = new SourceCollections(milvus.uri());
    sdk.create(sourceDb, COLLECTION, ROWS);
    sdk.create(targetDb, COLLECTION, ROWS);
    session = MilvusConnector.connect(MilvusEndpoint.of(milvus.uri()));
    verifier = new CollectionVerifier(session, session, new SampleSize(100, 20), new Random(7));
  }

  @AfterEach
  void tearDown() {
    session.close();
    sdk.close();
  }

  @Test
  void identicalCollectionsPassAndLoadStatesAreRestored() {
    boolean sourceLoaded = session.catalog().isLoaded(new CollectionName(sourceDb, COLLECTION));
    boolean targetLoaded = session.catalog().isLoaded(new CollectionName(targetDb, COLLECTION));

    VerificationReport report = verifier.verify(null, new CollectionName(sourceDb, COLLECTION), targetDb);

    assertThat(report.getPassed()).as(report.toString()).isTrue();
    assertThat(report.getJobId()).isNull();
    assertThat(report.getSourceCount()).isEqualTo(ROWS);
    assertThat(report.getTargetCount()).isEqualTo(ROWS);
    assertThat(report.getSourceDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getSampled()).isEqualTo(ROWS);
    assertThat(report.getMismatched()).isZero();
    assertThat(report.getExampleKeys()).isEmpty();
    assertThat(session.catalog().isLoaded(new CollectionName(sourceDb, COLLECTION))).isEqualTo(sourceLoaded);
    assertThat(session.catalog().isLoaded(new CollectionName(targetDb, COLLECTION))).isEqualTo(targetLoaded);
  }

  @Test
  void detectsAMissingAnUnexpectedAndAChangedEntity() throws InterruptedException {
    sdk.delete(targetDb, COLLECTION, 5);
    sdk.insertOne(targetDb, COLLECTION, 1000);
    sdk.retitle(targetDb, COLLECTION, 7, "changed");

    VerificationReport report = verifier.verify("job-x", new CollectionName(sourceDb, COLLECTION), targetDb);

    assertThat(report.getPassed()).isFalse();
    assertThat(report.getSchemaDifferences()).isEmpty();
    assertThat(report.getMissingInTarget()).isEqualTo(1);
    assertThat(report.getUnexpectedInTarget()).isEqualTo(1);
    assertThat(report.getSourceDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);
    assertThat(report.getSampled()).as("keys on both sides").isEqualTo(ROWS - 1);
    assertThat(report.getMismatched()).isEqualTo(1);
    assertThat(report.getExampleKeys()).containsExactly("unexpected in target: 1000 (partition _default)",
        "missing in target: 5 (partition p1)", "mismatched: 7 (title)");
  }

  @Test
  void aMissingTargetCollectionIsASchemaDifference() {
    VerificationReport report = verifier.verify(null, new CollectionName(sourceDb, COLLECTION), "nowhere_" + suffix);

    assertThat(report.getPassed()).isFalse();
    assertThat(report.getSchemaDifferences())
        .containsExactly("Collection nowhere_" + suffix + ".books does not exist on the target.");
  }
}
