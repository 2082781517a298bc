package dev.milvusmigrate.milvus;

/** An open connection to one Milvus server. Thread-safe; close it when done. */
public interface MilvusSession extends AutoCloseable {

  /** Version and capabilities, read once when connecting. */
  ServerInfo server();

  MilvusCatalog catalog();

  ColumnarReader reader();

  ColumnarWriter writer();

  VectorSearch search();

  /** Roles, privileges and users (RBAC). */
  AccessControl accessControl();

  @Override
  void close();
}
