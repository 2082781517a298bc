/**
 * The milvus-migrate command line (picocli): {@code offline} runs every service of an offline
 * migration in this process (on an {@link dev.milvusmigrate.cli.EmbeddedKafka} broker when no
 * external Kafka is given), follows the job's status with a progress bar and exits with a
 * documented code ({@link dev.milvusmigrate.cli.ExitCode}); {@code status}, {@code cancel} and
 * {@code verify} talk to a running installation.
 */
package dev.milvusmigrate.cli;
