package dev.milvusmigrate.sink;

import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** On Milvus 2.3.5 a duplicated key shows in count(*): the restart test here would catch one. */
@ExtendWith({KafkaBrokerExtension.class, MilvusStandaloneExtension.class})
class ZeroDowntimeSinkStandaloneIT extends ZeroDowntimeSinkContract {}
