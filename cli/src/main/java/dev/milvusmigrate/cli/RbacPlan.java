package dev.milvusmigrate.cli;

import dev.milvusmigrate.milvus.Grant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What copying the roles of the migrated databases does on the target, decided from both sides'
 * roles and users without touching either. A role belongs to the migrated databases when it holds
 * a grant in one of them; grants that hold in every database ({@code *}) and the built-in roles'
 * memberships ({@code admin} is cluster-wide, every user is in {@code public}) are not copied.
 *
 * @param rolesToCreate roles the target lacks
 * @param grants every grant to give on the target, its database renamed
 * @param usersToCreate users the target lacks, created with a generated password
 * @param usersToList users the target lacks and that are left for the operator to create
 * @param memberships each user on the target (or created) and the roles it is added to
 * @param listedMemberships the roles of each listed user, for the operator
 */
record RbacPlan(List<String> rolesToCreate, List<Grant> grants, List<String> usersToCreate, List<String> usersToList,
    Map<String, Set<String>> memberships, Map<String, Set<String>> listedMemberships) {

  static final Set<String> BUILT_IN_ROLES = Set.of("admin", "public");

  /**
   * @param sourceGrants every source role's grants in the migrated databases
   * @param sourceUsers every source user and its roles
   * @param renameDatabase the target database of a migrated source database
   * @param createUsers whether missing users are created (a password file was given) or listed
   */
  static RbacPlan of(Map<String, List<Grant>> sourceGrants, Map<String, Set<String>> sourceUsers,
      Set<String> targetRoles, Set<String> targetUsers, UnaryOperator<String> renameDatabase, boolean createUsers) {
    Set<String> copied = new TreeSet<>();
    List<Grant> grants = new ArrayList<>();
    sourceGrants.forEach((role, roleGrants) -> roleGrants.stream()
        .filter(grant -> !grant.database().equals(Grant.EVERY_DATABASE) && !role.equals("admin"))
        .forEach(grant -> {
          copied.add(role);
          grants.add(grant.inDatabase(renameDatabase.apply(grant.database())));
        }));
    grants.sort(Comparator.comparing(Grant::role).thenComparing(Grant::toString));
    List<String> rolesToCreate = copied.stream().filter(role -> !targetRoles.contains(role)).toList();
    List<String> usersToCreate = new ArrayList<>();
    List<String> usersToList = new ArrayList<>();
    Map<String, Set<String>> memberships = new TreeMap<>();
    Map<String, Set<String>> listed = new TreeMap<>();
    new TreeMap<>(sourceUsers).forEach((user, roles) -> {
      Set<String> migrated = new TreeSet<>(roles);
      migrated.retainAll(copied);
      migrated.removeAll(BUILT_IN_ROLES);
      if (migrated.isEmpty()) {
        return;
      }
      if (targetUsers.contains(user) || createUsers) {
        memberships.put(user, migrated);
        if (!targetUsers.contains(user)) {
          usersToCreate.add(user);
        }
      } else {
        usersToList.add(user);
        listed.put(user, migrated);
      }
    });
    return new RbacPlan(rolesToCreate, List.copyOf(grants), List.copyOf(usersToCreate), List.copyOf(usersToList),
        memberships, listed);
  }
}
