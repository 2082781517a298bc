package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.rbac.request.CreateUserReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The round trip on Milvus Lite 3.2.2, plus what Lite refuses (recorded in docs/TESTING.md). */
@ExtendWith(MilvusLiteExtension.class)
class MilvusLiteIT extends SdkRoundTripContract {

  @Test
  void binaryVectorCollectionIsRejected() {
    var schema = schema();
    schema.addField(AddFieldReq.builder().fieldName("bits").dataType(DataType.BinaryVector).dimension(16).build());

    assertThatThrownBy(() -> createCollection("binary_vectors", schema))
        .hasMessageContaining("Can't get the number of an unknown enum value.");
    assertThat(client.hasCollection(HasCollectionReq.builder().collectionName("binary_vectors").build())).isFalse();
  }

  @Test
  void userManagementIsNotImplemented() {
    assertThatThrownBy(() -> client.createUser(CreateUserReq.builder().userName("reader").password("reader-secret").build()))
        .hasMessageContaining("UNIMPLEMENTED: Method not implemented!");
  }
}
