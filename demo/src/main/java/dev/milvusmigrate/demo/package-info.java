/**
 * {@code ./milvus-migrate demo}: starts an embedded Kafka broker, a Milvus 2.3.5 source whose log
 * is on it and a Milvus 2.3.5 target, fills the source with sample collections, and runs a
 * zero-downtime migration through the CLI's own in-process pipeline while a writer keeps writing;
 * then stops everything it started. Not part of the product.
 */
package dev.milvusmigrate.demo;
