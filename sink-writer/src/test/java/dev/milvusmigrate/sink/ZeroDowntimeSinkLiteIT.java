package dev.milvusmigrate.sink;

import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class ZeroDowntimeSinkLiteIT extends ZeroDowntimeSinkContract {}
