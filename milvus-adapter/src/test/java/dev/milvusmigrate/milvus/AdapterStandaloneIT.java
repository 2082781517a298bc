package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter contract on Milvus 2.3.5 standalone: one vector field, no nullable fields. */
@ExtendWith(MilvusStandaloneExtension.class)
class AdapterStandaloneIT extends AdapterContract {

  @Override
  List<FieldSchema> serverSpecificFields() {
    return List.of(SampleSchemas.field("level", DataType.INT64).setDefaultValue(5L).build());
  }

  @Test
  void reportsWhat235CanDo() {
    assertThat(session.server()).isEqualTo(new ServerInfo("v2.3.5-lite", false, true, false));
  }
}
