/**
 * lag-monitor service, a Kafka Streams application. It owns the compacted job-status view
 * ({@link dev.milvusmigrate.lag.JobStatusTopology}, folded by {@link
 * dev.milvusmigrate.lag.JobStatusFolder}), Lag Behind Source per job and the notifications
 * ({@link dev.milvusmigrate.lag.LagTopology}); {@link dev.milvusmigrate.lag.NotificationWebhook}
 * optionally POSTs the notifications to an HTTP endpoint.
 */
package dev.milvusmigrate.lag;
