/**
 * How the services' long-running loops wait: a {@link dev.milvusmigrate.core.concurrent.RetryPolicy}
 * says how long to wait before the next attempt and when to give up, a {@link
 * dev.milvusmigrate.core.concurrent.StopSignal} ends the work, and any wait, as soon as its owner stops.
 */
package dev.milvusmigrate.core.concurrent;
