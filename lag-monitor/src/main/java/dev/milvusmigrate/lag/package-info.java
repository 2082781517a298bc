/**
 * lag-monitor service, a Kafka Streams application. It owns the compacted job-status view
 * ({@link dev.milvusmigrate.lag.JobStatusTopology}, folded by {@link
 * dev.milvusmigrate.lag.JobStatusFolder}); Lag Behind Source per job and the below-threshold
 * notification are to be added to the same application.
 */
package dev.milvusmigrate.lag;
