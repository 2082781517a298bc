/**
 * The live verification of zero-downtime jobs: while a job syncs, the sink instance that holds
 * mutations partition 0 keeps a baseline of both sides' (partition, key) pairs and compares every
 * entity that changes since, so that stop-sync only compares what changed last. {@link
 * dev.milvusmigrate.sink.live.LiveVerification} owns the thread ({@link
 * dev.milvusmigrate.sink.live.ChangeFollower}), {@link dev.milvusmigrate.sink.live.LiveState} what it
 * gathered, and {@link dev.milvusmigrate.sink.live.CutoverCheck} the verification at cutover; the
 * sink package uses it only through {@code LiveVerification}.
 */
package dev.milvusmigrate.sink.live;
