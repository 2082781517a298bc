/**
 * lag-monitor service (to be built by the lag and control work), a Kafka Streams application.
 * It will own: Lag Behind Source per job from source heads and sink progress, the
 * below-threshold notification with hysteresis, and the compacted job-status view.
 */
package dev.milvusmigrate.lag;
