package dev.milvusmigrate.capture;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;

/** Reads the test collections' fields (int64 {@code id}, varchar {@code title}) out of one-row mutations. */
final class CaptureTestRows {

  private CaptureTestRows() {}

  static long key(Mutation mutation) {
    PackedValues packed = (PackedValues) (mutation.getOp() == MutationOp.DELETE ? mutation.getPrimaryKeys().getKeys()
        : column(mutation, "id").getValues());
    return LittleEndianPacker.unpackLongs(packed.getData())[0];
  }

  static String title(Mutation mutation) {
    return ((StringValues) column(mutation, "title").getValues()).getValues().get(0);
  }

  static Column column(Mutation mutation, String name) {
    return mutation.getColumns().stream().filter(c -> c.getFieldName().equals(name)).findFirst().orElseThrow();
  }
}
