package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedPasswordsTest {

  @TempDir
  Path folder;

  @Test
  void eachPasswordIsOnDiskInANewOwnerOnlyFileBeforeItIsReturned() throws Exception {
    Path file = folder.resolve("passwords.tsv");
    GeneratedPasswords passwords = new GeneratedPasswords(file);

    String alice = new String(passwords.next("alice"));
    String bob = new String(passwords.next("bob"));

    assertThat(Files.readAllLines(file)).containsExactly("alice\t" + alice, "bob\t" + bob);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(alice).isNotEqualTo(bob);
  }

  @Test
  void passwordsHaveEveryCharacterClassStrictServersAskFor() {
    GeneratedPasswords passwords = new GeneratedPasswords(folder.resolve("unused"));
    for (int i = 0; i < 200; i++) {
      String password = new String(passwords.generate());
      assertThat(password).hasSize(24).containsPattern("[a-z]").containsPattern("[A-Z]").containsPattern("[0-9]")
          .containsPattern("[-_.]");
    }
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path file = Files.writeString(folder.resolve("earlier.tsv"), "alice\tkept\n");

    assertThatThrownBy(() -> GeneratedPasswords.checkCanCreate(file)).isInstanceOf(CliFailure.class)
        .hasMessageContaining("already exists").hasMessageContaining("--rbac-password-file");
    assertThat(Files.readString(file)).isEqualTo("alice\tkept\n");
  }
}
