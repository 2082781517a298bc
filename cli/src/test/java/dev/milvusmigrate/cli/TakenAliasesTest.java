package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TakenAliasesTest {

  @Test
  void anAliasPointingAtAnotherCollectionOrNamingACollectionIsTaken() {
    assertThat(TakenAliases.in("copy", Map.of("e_idx", List.of("e_alias", "e_latest"), "d_parts", List.of("d_alias")),
        Map.of("e_alias", "other"), List.of("other", "d_alias")))
        .containsExactly("copy.d_alias (a collection)", "copy.e_alias (an alias of collection other)");
  }

  @Test
  void anAliasAlreadyPointingAtTheMigratedCollectionOrFreeIsNotTaken() {
    assertThat(TakenAliases.in("copy", Map.of("e_idx", List.of("e_alias", "e_latest")), Map.of("e_alias", "e_idx"),
        List.of("e_idx"))).isEmpty();
  }
}
