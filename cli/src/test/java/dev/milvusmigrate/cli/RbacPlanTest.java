package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.Grant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RbacPlanTest {

  private static final Map<String, List<Grant>> SOURCE_GRANTS = Map.of(
      "reader", List.of(new Grant("reader", "Collection", "items", "Search", "shop"),
          new Grant("reader", "Collection", "*", "Query", "shop")),
      "writer", List.of(new Grant("writer", "Global", "*", "CreateCollection", "shop")),
      "public", List.of(new Grant("public", "Global", "*", "DescribeCollection", Grant.EVERY_DATABASE),
          new Grant("public", "Collection", "items", "Query", "shop")),
      "admin", List.of(new Grant("admin", "Global", "*", "All", "shop")),
      "unrelated", List.of());

  private static final Map<String, Set<String>> SOURCE_USERS = Map.of(
      "alice", Set.of("reader"),
      "bob", Set.of("reader", "writer", "admin"),
      "carol", Set.of("unrelated"),
      "root", Set.of());

  @Test
  void rolesWithGrantsInTheMigratedDatabasesAreCopiedRenamedAndOnlyMissingOnesCreated() {
    RbacPlan plan = RbacPlan.of(SOURCE_GRANTS, SOURCE_USERS, Set.of("admin", "public", "writer"), Set.of("root"),
        database -> database + "_v2", true);

    assertThat(plan.rolesToCreate()).containsExactly("reader");
    assertThat(plan.grants()).containsExactly(
        new Grant("public", "Collection", "items", "Query", "shop_v2"),
        new Grant("reader", "Collection", "*", "Query", "shop_v2"),
        new Grant("reader", "Collection", "items", "Search", "shop_v2"),
        new Grant("writer", "Global", "*", "CreateCollection", "shop_v2"));
  }

  @Test
  void builtInRolesAndRolesWithoutGrantsHereGiveNoMembership() {
    RbacPlan plan = RbacPlan.of(SOURCE_GRANTS, SOURCE_USERS, Set.of("admin", "public"), Set.of("root", "alice"),
        database -> database, true);

    assertThat(plan.memberships()).containsOnly(Map.entry("alice", Set.of("reader")),
        Map.entry("bob", Set.of("reader", "writer")));
    assertThat(plan.usersToCreate()).containsExactly("bob");
    assertThat(plan.usersToList()).isEmpty();
  }

  @Test
  void withoutCreatingUsersMissingOnesAreListedWithTheirRoles() {
    RbacPlan plan = RbacPlan.of(SOURCE_GRANTS, SOURCE_USERS, Set.of("admin", "public"), Set.of("root", "alice"),
        database -> database, false);

    assertThat(plan.usersToCreate()).isEmpty();
    assertThat(plan.usersToList()).containsExactly("bob");
    assertThat(plan.listedMemberships()).containsOnly(Map.entry("bob", Set.of("reader", "writer")));
    assertThat(plan.memberships()).containsOnly(Map.entry("alice", Set.of("reader")));
  }
}
