/**
 * Shared core of milvus-migrate: the domain vocabulary every service speaks ({@code domain}:
 * job ids, topic names, source hybrid timestamps) and declared configuration ({@code config}).
 * This module depends on neither Kafka nor Milvus, so the domain cannot leak I/O concerns.
 */
package dev.milvusmigrate.core;
