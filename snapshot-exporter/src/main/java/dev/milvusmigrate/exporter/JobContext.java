package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.milvus.MilvusSession;

/**
 * What the exports of one job share: the source session, the job's publisher, pacing, retry, stop
 * signal and meters.
 */
record JobContext(JobId job, TopicNames topics, MilvusSession source, TransactionalPublisher publisher,
    Throttle throttle, Retry retry, StopSignal stop, int batchBytes, int pageRows, ExporterMetrics metrics) {}
