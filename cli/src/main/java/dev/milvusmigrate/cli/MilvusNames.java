package dev.milvusmigrate.cli;

import java.util.List;
import java.util.regex.Pattern;

/** Rejects database and collection names Milvus cannot have, before anything connects. */
final class MilvusNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

  private MilvusNames() {}

  static void check(String option, String name) {
    if (name != null && !NAME.matcher(name).matches()) {
      throw CliFailure.badInput("'" + name + "' given to " + option + " is not a Milvus name: use letters, digits"
          + " and '_', starting with a letter or '_'.");
    }
  }

  static void check(String option, List<String> names) {
    names.forEach(name -> check(option, name));
  }
}
