package dev.milvusmigrate.milvus;

import java.util.Objects;

/**
 * One privilege a role holds: {@code privilege} on the object {@code objectType/objectName}
 * ({@code Collection/books}, {@code Global/*}) in {@code database} ({@code *} for every database).
 */
public record Grant(String role, String objectType, String objectName, String privilege, String database) {

  /** The database name Milvus uses for grants that hold in every database. */
  public static final String EVERY_DATABASE = "*";

  public Grant {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectName, "objectName");
    Objects.requireNonNull(privilege, "privilege");
    Objects.requireNonNull(database, "database");
  }

  public Grant inDatabase(String newDatabase) {
    return new Grant(role, objectType, objectName, privilege, newDatabase);
  }

  @Override
  public String toString() {
    return privilege + " on " + objectType + " " + database + "." + objectName;
  }
}
