package dev.milvusmigrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Passwords for users created on the target, written to a file only the operator can read (mode
 * 0600, one {@code user<TAB>password} line each). A password is on disk before its user is
 * created, so no user exists on the target with a password nobody knows. They appear nowhere
 * else: not in output, logs or Kafka.
 */
final class GeneratedPasswords {

  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-_.";
  private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
  private static final int LENGTH = 24;

  private final Path file;
  private final SecureRandom random = new SecureRandom();

  GeneratedPasswords(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Fails with one sentence unless the file can be created new: passwords of an earlier run are never overwritten. */
  static void checkCanCreate(Path file) {
    if (Files.exists(file)) {
      throw CliFailure.badInput("The password file " + file + " already exists: give a new file name with"
          + " --rbac-password-file (it is never overwritten, so passwords of an earlier run are not lost).");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw CliFailure.badInput("The folder of the password file " + file + " does not exist or is not writable:"
          + " give a file in a writable folder with --rbac-password-file.");
    }
  }

  /** A new password for {@code user}, appended to the file and forced to disk before it is returned. */
  char[] next(String user) {
    char[] password = generate();
    try (Writer writer = Files.newBufferedWriter(create(), StandardCharsets.UTF_8, StandardOpenOption.APPEND,
        StandardOpenOption.SYNC)) {
      writer.write(user);
      writer.write('\t');
      writer.write(password);
      writer.write('\n');
    } catch (IOException e) {
      Arrays.fill(password, '\0');
      throw new UncheckedIOException("Could not write the password of user '" + user + "' to " + file, e);
    }
    return password;
  }

  private Path create() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return file;
  }

  /** At least one lower-case letter, upper-case letter, digit and symbol, as strict servers require. */
  char[] generate() {
    char[] password = new char[LENGTH];
    String[] required = {LOWER, UPPER, DIGITS, SYMBOLS};
    for (int i = 0; i < LENGTH; i++) {
      String alphabet = i < required.length ? required[i] : ALL;
      password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char swap = password[i];
      password[i] = password[j];
      password[j] = swap;
    }
    return password;
  }
}
