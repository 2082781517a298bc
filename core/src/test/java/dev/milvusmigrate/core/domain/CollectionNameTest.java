package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionNameTest {

  @Test
  void showsAsDatabaseDotCollection() {
    CollectionName books = new CollectionName("shop", "books");

    assertThat(books).hasToString("shop.books");
    assertThat(books.qualified()).isEqualTo("shop.books");
    assertThat(books.in("shop_copy")).isEqualTo(new CollectionName("shop_copy", "books"));
  }

  @Test
  void sortsByDatabaseThenCollection() {
    List<CollectionName> names = List.of(new CollectionName("b", "a"), new CollectionName("a", "z"),
        new CollectionName("a", "b"));

    assertThat(names.stream().sorted().map(CollectionName::qualified)).containsExactly("a.b", "a.z", "b.a");
  }

  @Test
  void refusesAMissingPart() {
    assertThatNullPointerException().isThrownBy(() -> new CollectionName(null, "books"));
    assertThatNullPointerException().isThrownBy(() -> new CollectionName("shop", null));
  }
}
