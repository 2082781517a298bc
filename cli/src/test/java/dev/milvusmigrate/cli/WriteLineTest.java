package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.wal.WalKeys;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WriteLineTest {

  @Test
  void anInsertNamesWhereHowManyAndTheFirstKeys() {
    List<Long> keys = LongStream.range(100, 120).boxed().toList();

    String line = WriteLine.of(new AcknowledgedInsert("default", "items", "p1", false, 20, new WalKeys.Int64(keys),
        0, schema -> List.of()));

    assertThat(line).isEqualTo("insert default.items partition p1: 20 rows, keys [100, 101, 102, 103, 104, 105, 106,"
        + " 107, 108, 109, ... (20 keys)]");
  }

  @Test
  void aDeleteNamesItsFilterAndSaysWhenTheSourceNamedNoKeys() {
    assertThat(WriteLine.of(new AcknowledgedDelete("shop", "items", "", "n > 600", Optional.empty(), 3, 4_711)))
        .isEqualTo("delete shop.items where n > 600: 3 deleted (the source named no keys), timestamp 4711");
    assertThat(WriteLine.of(new AcknowledgedDelete("shop", "items", "", "id in [\"a\"]",
        Optional.of(new WalKeys.Varchar(List.of("a"))), 1, 0)))
        .isEqualTo("delete shop.items where id in [\"a\"]: 1 deleted, keys [a]");
  }
}
