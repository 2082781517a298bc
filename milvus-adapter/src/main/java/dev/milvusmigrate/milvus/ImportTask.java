package dev.milvusmigrate.milvus;

/** A bulk-insert (import) task the server remembers: its id and the collection it writes into. */
public record ImportTask(long id, long collectionId) {}
