package dev.milvusmigrate.capture;

/** What an {@link EntryHandler} of a job's capture works with. */
record CaptureContext(MutationMapper mapper, CaptureScope scope, CollectionDirectory directory,
    ChannelWatermarks watermarks, CurrentEntities current) {}
