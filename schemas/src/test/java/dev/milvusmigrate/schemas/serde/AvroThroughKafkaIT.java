package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Avro single-object records travel through a real broker and decode to equal records. */
@ExtendWith(KafkaBrokerExtension.class)
class AvroThroughKafkaIT {

  private final AvroSerde<PipelineEvent> serde = AvroSerde.of(PipelineEvent.class);

  @Test
  void mutationsAndHeartbeatsRoundTripThroughTheBroker(KafkaBroker broker) {
    broker.createTopic("avro-events", 2, Map.of());
    PipelineEvent insert = new PipelineEvent(mutation());
    PipelineEvent tick = new PipelineEvent(new Heartbeat("job-1", (1_700_000_000_000L << 18) | 3, "capture-0", null, 1_700_000_000_000L));

    try (KafkaProducer<String, PipelineEvent> producer = new KafkaProducer<>(producerProps(broker), new StringSerializer(), serde.serializer())) {
      producer.send(new ProducerRecord<>("avro-events", 0, "db/items/7", insert));
      producer.send(new ProducerRecord<>("avro-events", 1, "", tick));
    }

    List<PipelineEvent> received = consume(broker, "avro-events", 2).stream().map(ConsumerRecord::value).toList();

    assertThat(received).containsExactlyInAnyOrder(insert, tick);
    Mutation decoded = (Mutation) received.stream().filter(e -> e.getPayload() instanceof Mutation).findFirst().orElseThrow().getPayload();
    PackedValues ids = (PackedValues) decoded.getColumns().get(0).getValues();
    assertThat(LittleEndianPacker.unpackLongs(ids.getData())).containsExactly(7L, 8L);
  }

  @Test
  void aForeignRecordSurfacesAsAClearDecodeErrorNotACrash(KafkaBroker broker) {
    broker.createTopic("avro-foreign", 1, Map.of());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(broker), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("avro-foreign", "k", "{\"not\":\"avro\"}".getBytes()));
    }

    assertThatThrownBy(() -> consume(broker, "avro-foreign", 1))
        .isInstanceOf(RecordDeserializationException.class)
        .cause().isInstanceOf(PayloadDecodeException.class)
        .hasMessageStartingWith("Cannot decode 14 bytes as PipelineEvent: bad header");
  }

  private static Mutation mutation() {
    return Mutation.newBuilder()
        .setJobId("job-1").setOp(MutationOp.UPSERT).setSourceTs((1_700_000_000_000L << 18) | 1)
        .setDatabase("db").setCollection("items").setPartition("_default").setRowCount(2)
        .setColumns(List.of(
            Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {7, 8})),
            Columns.strings("title", DataType.VARCHAR, List.of("seven", "acht")),
            Columns.vectors("embedding", DataType.FLOAT_VECTOR, 4,
                VectorPacker.packFloatVectors(new float[][] {{1f, 2f, 3f, 4f}, {-1f, 0.5f, 0f, Float.MIN_VALUE}}, 4))))
        .build();
  }

  private static Properties producerProps(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return props;
  }

  private List<ConsumerRecord<String, PipelineEvent>> consume(KafkaBroker broker, String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, PipelineEvent>> records = new ArrayList<>();
    try (KafkaConsumer<String, PipelineEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }
}
