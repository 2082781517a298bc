package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordKeysTest {

  @Test
  void anEntityKeyParsesBackIntoItsParts() {
    assertThat(RecordKeys.parseEntity(RecordKeys.entity("db", "books", 42L)))
        .contains(new RecordKeys.Entity(new CollectionName("db", "books"), "42"));
  }

  @Test
  void aVarcharKeyMayItselfHoldSlashes() {
    assertThat(RecordKeys.parseEntity(RecordKeys.entity("db", "docs", "a/b/c")))
        .contains(new RecordKeys.Entity(new CollectionName("db", "docs"), "a/b/c"));
  }

  @Test
  void collectionKeysJobIdsAndNullAreNoEntityKeys() {
    assertThat(RecordKeys.parseEntity(RecordKeys.collection("db", "books"))).isEmpty();
    assertThat(RecordKeys.parseEntity("zdm-1")).isEmpty();
    assertThat(RecordKeys.parseEntity(null)).isEmpty();
  }
}
