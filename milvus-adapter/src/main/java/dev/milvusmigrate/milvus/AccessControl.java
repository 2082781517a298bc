package dev.milvusmigrate.milvus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles, their privileges and users' role memberships of one server (Milvus RBAC). Reading needs
 * a user with the {@code admin} role; servers without RBAC (Milvus Lite) fail every call with
 * {@link MilvusAccessException.Kind#UNSUPPORTED}. Passwords cannot be read from any server.
 */
public interface AccessControl {

  /** Every role's name, built-in {@code admin} and {@code public} included. */
  List<String> roles();

  /** The role's grants in {@code database}, including the grants that hold in every database. */
  List<Grant> grants(String role, String database);

  /** Each user and the roles it is a member of. */
  Map<String, Set<String>> usersAndRoles();

  void createRole(String role);

  /** Grants the privilege; granting one the role already has changes nothing. */
  void grant(Grant grant);

  /** Creates the user; the password is sent to the server and kept nowhere else. */
  void createUser(String user, char[] password);

  /** Adds the user to the role; a member stays a member. */
  void addUserToRole(String user, String role);
}
