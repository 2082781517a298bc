package dev.milvusmigrate.cli;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.wal.WalKeys;

/** One line for a write the source acknowledged through the proxy, e.g. {@code insert default.items: 3 rows, keys [1, 2, 3]}. */
final class WriteLine {

  private static final int SHOWN_KEYS = 10;

  private WriteLine() {}

  static String of(AcknowledgedWrite write) {
    String where = write.database() + "." + write.collection()
        + (write.partition().isEmpty() ? "" : " partition " + write.partition());
    String what;
    if (write instanceof AcknowledgedInsert insert) {
      what = (insert.upsert() ? "upsert " : "insert ") + where + ": " + insert.rows() + " rows, keys "
          + keys(insert.keys());
    } else {
      AcknowledgedDelete delete = (AcknowledgedDelete) write;
      what = "delete " + where + " where " + delete.filter() + ": " + delete.deleted() + " deleted"
          + delete.keys().map(keys -> ", keys " + keys(keys)).orElse(" (the source named no keys)");
    }
    return write.timestamp() == 0 ? what : what + ", timestamp " + write.timestamp();
  }

  private static String keys(WalKeys keys) {
    var values = keys instanceof WalKeys.Int64 ints ? ints.values() : ((WalKeys.Varchar) keys).values();
    return values.size() <= SHOWN_KEYS ? values.toString()
        : values.subList(0, SHOWN_KEYS).toString().replace("]", ", ... (" + values.size() + " keys)]");
  }
}
