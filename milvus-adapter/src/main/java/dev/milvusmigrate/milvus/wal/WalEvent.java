package dev.milvusmigrate.milvus.wal;

/** One decoded record of a Milvus DML channel: what capture does with it depends only on its kind. */
public sealed interface WalEvent permits WalInsert, WalDelete, WalTimeTick, Ignored {
}
