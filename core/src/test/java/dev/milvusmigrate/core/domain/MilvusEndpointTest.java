package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MilvusEndpointTest {

  @Test
  void parsesAddressesWithAndWithoutScheme() {
    MilvusEndpoint plain = MilvusEndpoint.of("10.0.0.5:19531");
    assertThat(plain.host()).isEqualTo("10.0.0.5");
    assertThat(plain.port()).isEqualTo(19531);
    assertThat(plain.tls().enabled()).isFalse();

    MilvusEndpoint secure = MilvusEndpoint.of("https://milvus.example.com");
    assertThat(secure.port()).isEqualTo(19530);
    assertThat(secure.tls().enabled()).isTrue();
    assertThat(secure.label()).isEqualTo("https://milvus.example.com:19530");
  }

  @Test
  void credentialsNeverAppearInTextForms() {
    MilvusEndpoint withPassword = MilvusEndpoint.of("http://h:1").withUser("root", "Milvus-s3cret");
    MilvusEndpoint withToken = MilvusEndpoint.of("http://h:1").withToken("tok-abc123");

    assertThat(withPassword.toString()).isEqualTo("http://h:1 (user root)").doesNotContain("s3cret");
    assertThat(withToken.toString()).isEqualTo("http://h:1 (token)").doesNotContain("abc123");
    assertThat(withPassword.authorization()).isEqualTo("root:Milvus-s3cret");
    assertThat(withToken.authorization()).isEqualTo("tok-abc123");
    assertThat(MilvusEndpoint.of("h:1").authorization()).isEmpty();
  }

  @Test
  void badAddressesGetOneClearSentence() {
    assertThatThrownBy(() -> MilvusEndpoint.of(""))
        .hasMessage("The Milvus address is empty: give it as http://host:19530.");
    assertThatThrownBy(() -> MilvusEndpoint.of("ftp://h:1"))
        .hasMessage("The Milvus address 'ftp://h:1' is not valid: give it as http://host:19530 or https://host:19530.");
  }
}
