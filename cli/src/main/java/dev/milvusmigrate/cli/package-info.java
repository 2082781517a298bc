/**
 * The milvus-migrate command line (picocli). It will own the user-facing commands (offline,
 * zdm, status, lag, stop-sync, cancel, verify) and running every service in one process on an
 * embedded Kafka broker when no external Kafka is given.
 */
package dev.milvusmigrate.cli;
