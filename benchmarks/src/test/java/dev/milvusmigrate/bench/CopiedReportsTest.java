package dev.milvusmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionCopied;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopiedReportsTest {

  @Test
  void oneCollectionIsCopiedWhenItsReportCoversEveryRow() {
    List<CollectionCopied> reports = List.of(copied("a", 100, 30), copied("a", 60, 20), copied("a", 100, 40));

    assertThat(CopiedReports.allRowsCopiedAt(reports, 100)).hasValue(30);
  }

  @Test
  void severalCollectionsAreCopiedWhenTheirLatestCountsAddUpToEveryRow() {
    List<CollectionCopied> reports = List.of(copied("a", 50, 10), copied("b", 40, 15), copied("a", 60, 20),
        copied("b", 40, 25), copied("b", 50, 35));

    assertThat(CopiedReports.allRowsCopiedAt(reports, 110)).hasValue(35);
  }

  @Test
  void aReportOfFewerRowsThanBeforeDoesNotTakeAnyBack() {
    List<CollectionCopied> reports = List.of(copied("a", 60, 10), copied("a", 20, 20), copied("b", 40, 30));

    assertThat(CopiedReports.allRowsCopiedAt(reports, 100)).hasValue(30);
  }

  @Test
  void reportsShortOfEveryRowGiveNoTime() {
    List<CollectionCopied> reports = List.of(copied("a", 50, 10), copied("b", 49, 20));

    assertThat(CopiedReports.allRowsCopiedAt(reports, 100)).isEmpty();
  }

  private static CollectionCopied copied(String collection, long rows, long at) {
    return new CollectionCopied("job", "db", collection, rows, false, at);
  }
}
