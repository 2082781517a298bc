package dev.milvusmigrate.milvus.wal;

import java.util.List;

/** The primary keys of a logged delete: INT64 or VARCHAR, as the collection's primary key field. */
public sealed interface WalKeys permits WalKeys.Int64, WalKeys.Varchar {

  int size();

  /** The keys, Long or String. */
  List<?> values();

  record Int64(List<Long> values) implements WalKeys {
    public Int64 {
      values = List.copyOf(values);
    }

    @Override
    public int size() {
      return values.size();
    }
  }

  record Varchar(List<String> values) implements WalKeys {
    public Varchar {
      values = List.copyOf(values);
    }

    @Override
    public int size() {
      return values.size();
    }
  }
}
