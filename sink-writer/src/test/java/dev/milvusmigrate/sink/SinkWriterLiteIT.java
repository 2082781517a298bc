package dev.milvusmigrate.sink;

import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class SinkWriterLiteIT extends SinkWriterContract {

  @Override
  MilvusServer sourceServer() {
    return ExtraMilvusLite.get("sink-source");
  }
}
