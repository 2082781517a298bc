package dev.milvusmigrate.milvus.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.IDs;
import io.milvus.grpc.MsgBase;
import io.milvus.grpc.MsgHeader;
import milvus.proto.msg.Msg;

/**
 * Decodes the value of one record of a Milvus 2.2.16-2.5 DML topic (a bare msgstream protobuf whose
 * field 1 is {@code MsgBase}) into a {@link WalEvent}. Anything that is not a readable Milvus
 * message becomes a {@link WalDecodeException}, never another exception. An insert's values are
 * read later, with the collection's schema ({@link InsertedColumns}).
 */
public final class WalRecordDecoder {

  public WalEvent decode(String topic, byte[] value) {
    if (value == null) {
      throw new WalDecodeException("A record of " + topic + " has no value; it is not a Milvus message.");
    }
    MsgHeader header = parse(topic, value, "message header", MsgHeader::parseFrom);
    if (!header.hasBase()) {
      throw new WalDecodeException("A record of " + topic + " has no MsgBase; it is not a Milvus message.");
    }
    MsgBase base = header.getBase();
    return switch (base.getMsgType()) {
      case Insert -> insert(topic, parse(topic, value, "InsertRequest", Msg.InsertRequest::parseFrom));
      case Delete -> delete(topic, parse(topic, value, "DeleteRequest", Msg.DeleteRequest::parseFrom));
      case TimeTick -> new WalTimeTick(base.getTimestamp(), topic);
      default -> new Ignored(base.getMsgType().name());
    };
  }

  private static WalInsert insert(String topic, Msg.InsertRequest insert) {
    if (insert.getRowDataCount() > 0) {
      throw new WalDecodeException("The insert into " + insert.getCollectionName() + " on " + topic
          + " is row-based (rowData); capture reads only column-based inserts (as Milvus 2.2.16 and later write them).");
    }
    return new WalInsert(insert.getCollectionID(), insert.getCollectionName(), insert.getPartitionName(),
        insert.getShardName(), insert.getTimestampsList(),
        new LoggedFieldData(insert.getFieldsDataList(), insert.getTimestampsCount()));
  }

  private static WalDelete delete(String topic, Msg.DeleteRequest delete) {
    WalKeys keys = keys(topic, delete.getCollectionName(), delete.getPrimaryKeys());
    requireRows(topic, delete.getCollectionName(), "primary keys", keys.size(), delete.getTimestampsCount());
    return new WalDelete(delete.getCollectionID(), delete.getCollectionName(), delete.getPartitionName(), keys,
        delete.getTimestampsList());
  }

  private static WalKeys keys(String topic, String collection, IDs ids) {
    return switch (ids.getIdFieldCase()) {
      case INT_ID -> new WalKeys.Int64(ids.getIntId().getDataList());
      case STR_ID -> new WalKeys.Varchar(ids.getStrId().getDataList());
      default -> throw new WalDecodeException("The delete from " + collection + " on " + topic
          + " carries no primary keys (primaryKeys is empty).");
    };
  }

  private static void requireRows(String topic, String collection, String what, int rows, int timestamps) {
    if (rows != timestamps) {
      throw new WalDecodeException("The " + what + " of " + collection + " on " + topic + " hold " + rows
          + " rows but the message has " + timestamps + " timestamps.");
    }
  }

  private interface Parser<T> {
    T parse(byte[] value) throws InvalidProtocolBufferException;
  }

  private static <T> T parse(String topic, byte[] value, String what, Parser<T> parser) {
    try {
      return parser.parse(value);
    } catch (InvalidProtocolBufferException e) {
      throw new WalDecodeException("A record of " + topic + " (" + value.length + " bytes) is not a Milvus " + what
          + ": " + e.getMessage(), e);
    }
  }
}
