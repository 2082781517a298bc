package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.Mutation;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroTrustTest {

  @Test
  void packageIsSetWhenNothingWasTrusted() {
    assertThat(AvroTrust.appendPackage(null)).isEqualTo("dev.milvusmigrate.schemas.avro");
    assertThat(AvroTrust.appendPackage(" ")).isEqualTo("dev.milvusmigrate.schemas.avro");
  }

  @Test
  void packageIsAppendedToOtherTrustedPackages() {
    assertThat(AvroTrust.appendPackage("com.example.a,org.b")).isEqualTo("com.example.a,org.b,dev.milvusmigrate.schemas.avro");
  }

  @Test
  void packageIsNotAppendedTwice() {
    assertThat(AvroTrust.appendPackage("org.b, dev.milvusmigrate.schemas.avro")).isEqualTo("org.b, dev.milvusmigrate.schemas.avro");
  }

  @Test
  void installIsIdempotentAndMakesAvroTrustTheContracts() {
    AvroTrust.install();
    AvroTrust.install();

    String property = System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES");
    assertThat(property.split(",")).containsOnlyOnce("dev.milvusmigrate.schemas.avro");
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(Mutation.class)).isTrue();
  }
}
