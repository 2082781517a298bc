package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The round trip on Milvus 2.3.5 standalone, plus its 2.3-era limits (recorded in docs/TESTING.md). */
@ExtendWith(MilvusStandaloneExtension.class)
class MilvusStandaloneIT extends SdkRoundTripContract {

  @Test
  void reportsItsVersion() {
    assertThat(client.getServerVersion()).isEqualTo("v2.3.5-lite");
  }

  @Test
  void secondVectorFieldIsRejected() {
    var schema = schema();
    schema.addField(AddFieldReq.builder().fieldName("bits").dataType(DataType.BinaryVector).dimension(16).build());

    assertThatThrownBy(() -> createCollection("two_vectors", schema))
        .hasMessageContaining("multiple vector fields is not supported, fields name: embedding, bits");
  }

  @Test
  void nullableFlagIsSilentlyDropped() {
    var schema = schema();
    schema.addField(AddFieldReq.builder().fieldName("rating").dataType(DataType.Int32).isNullable(true).build());
    createCollection("nullable_rating", schema);

    DescribeCollectionResp described = client.describeCollection(
        DescribeCollectionReq.builder().collectionName("nullable_rating").build());

    assertThat(described.getCollectionSchema().getField("rating").getIsNullable()).isFalse();
  }
}
