package dev.milvusmigrate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.console.AccessControl.Grant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessControlTest {

  private final AccessControl access = new AccessControl(List.of("r1", "r2"), List.of("op"));

  @Test
  void bearerTokensGrantWhatTheirListSays() {
    assertThat(access.grant("Bearer r2")).isEqualTo(Grant.READ);
    assertThat(access.grant("bearer op")).isEqualTo(Grant.OPERATE);
    assertThat(access.grant("Bearer nope")).isEqualTo(Grant.NONE);
    assertThat(access.grant("Bearer ")).isEqualTo(Grant.NONE);
  }

  @Test
  void theBrowsersBasicCredentialsCarryTheTokenAsThePassword() {
    assertThat(access.grant(basic("anyone:op"))).isEqualTo(Grant.OPERATE);
    assertThat(access.grant(basic("op:nope"))).isEqualTo(Grant.NONE);
    assertThat(access.grant(basic("no-colon"))).isEqualTo(Grant.NONE);
    assertThat(access.grant("Basic !!not-base64")).isEqualTo(Grant.NONE);
  }

  @Test
  void noHeaderOrAnotherSchemeGrantsNothing() {
    assertThat(access.grant(null)).isEqualTo(Grant.NONE);
    assertThat(access.grant("op")).isEqualTo(Grant.NONE);
    assertThat(access.grant("Token op")).isEqualTo(Grant.NONE);
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }
}
