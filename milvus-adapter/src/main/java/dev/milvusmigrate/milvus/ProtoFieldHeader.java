package dev.milvusmigrate.milvus;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The tag and length that precede a length-delimited protobuf field of a known size. */
record ProtoFieldHeader(ByteString bytes) {

  static ProtoFieldHeader lengthDelimited(int fieldNumber, int length) {
    try {
      ByteString.Output out = ByteString.newOutput(16);
      CodedOutputStream coded = CodedOutputStream.newInstance(out, 16);
      coded.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      coded.writeUInt32NoTag(length);
      coded.flush();
      return new ProtoFieldHeader(out.toByteString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
