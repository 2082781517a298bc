package dev.milvusmigrate.testkit.milvus;

/** The Pulsar a Milvus standalone writes its log to: its host, binary protocol port and admin (web) port. */
public record StandalonePulsar(String host, int brokerPort, int webPort) {}
