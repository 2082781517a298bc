/**
 * The Kafka edge shared by every service: {@link dev.milvusmigrate.kafka.KafkaClients} makes
 * producers and consumers typed by the Avro contracts with the pipeline's safety settings
 * (idempotent producers, read-committed consumers, manual commits), and {@link
 * dev.milvusmigrate.kafka.TopicProvisioner} creates the topics of {@link
 * dev.milvusmigrate.core.domain.TopicNames} with the settings each needs.
 */
package dev.milvusmigrate.kafka;
