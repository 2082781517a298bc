package dev.milvusmigrate.capture.ddl;

import java.util.Comparator;

/** A collection or alias name within its database, shown as {@code database.name}. */
public record QualifiedName(String database, String name) implements Comparable<QualifiedName> {

  private static final Comparator<QualifiedName> ORDER =
      Comparator.comparing(QualifiedName::database).thenComparing(QualifiedName::name);

  @Override
  public int compareTo(QualifiedName other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return database + "." + name;
  }
}
