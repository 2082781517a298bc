package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import io.milvus.grpc.ErrorCode;
import io.milvus.grpc.Status;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTranslatorTest {

  private static final String SERVER = "http://10.0.0.5:19530";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "100  | collection not found[collection=books]         | NOT_FOUND",
      "800  | database not found[database=x]                 | NOT_FOUND",
      "1400 | user not authenticated                         | UNAUTHENTICATED",
      "8    | rate limit exceeded                            | RETRYABLE",
      "10   | service unimplemented                          | UNSUPPORTED",
      "65535| fail to check the credential of user root      | UNAUTHENTICATED",
      "65535| collection name already exists                 | CONFLICT",
      "65535| not support BinaryVector                       | UNSUPPORTED",
      "65535| no index on collection 'unindexed'            | NOT_FOUND",
      "65535| can't find collection default:books            | NOT_FOUND",
      "65535| no index on collection 'authors'              | NOT_FOUND",
      "65535| index not found[collection=password_hashes]   | NOT_FOUND",
      "65535| user is not authorized to list indexes        | UNAUTHENTICATED",
      "101  | collection not loaded[collection=4709]         | NOT_LOADED",
      "65535| failed to query: collection not loaded[x=1]    | NOT_LOADED",
      "65535| segcore crashed                                | SERVER_ERROR"})
  void milvusStatusCodesAndReasons(int code, String reason, Kind kind) {
    Status status = Status.newBuilder().setCode(code).setReason(reason).build();

    assertThat(StatusTranslator.fromStatus(SERVER, "read books", status).kind()).isEqualTo(kind);
  }

  @Test
  void legacyErrorCodes() {
    Status denied = Status.newBuilder().setErrorCode(ErrorCode.PermissionDenied).setReason("denied").build();
    Status missing = Status.newBuilder().setErrorCode(ErrorCode.CollectionNotExists).setReason("gone").build();

    assertThat(StatusTranslator.kindOf(denied)).isEqualTo(Kind.UNAUTHENTICATED);
    assertThat(StatusTranslator.kindOf(missing)).isEqualTo(Kind.NOT_FOUND);
    assertThat(StatusTranslator.isSuccess(Status.getDefaultInstance())).isTrue();
    assertThat(StatusTranslator.isSuccess(missing)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"UNAVAILABLE, UNREACHABLE", "DEADLINE_EXCEEDED, UNREACHABLE", "UNAUTHENTICATED, UNAUTHENTICATED",
      "PERMISSION_DENIED, UNAUTHENTICATED", "UNIMPLEMENTED, UNSUPPORTED", "ALREADY_EXISTS, CONFLICT",
      "RESOURCE_EXHAUSTED, RETRYABLE", "NOT_FOUND, NOT_FOUND", "INTERNAL, SERVER_ERROR"})
  void grpcCodes(io.milvus.shaded.io.grpc.Status.Code code, Kind kind) {
    StatusRuntimeException error = io.milvus.shaded.io.grpc.Status.fromCode(code).withDescription("x").asRuntimeException();

    assertThat(StatusTranslator.fromGrpc(SERVER, "connect", error).kind()).isEqualTo(kind);
  }

  @Test
  void messageIsOneSentenceNamingTheServerAndWhatToDo() {
    StatusRuntimeException error = io.milvus.shaded.io.grpc.Status.UNAVAILABLE
        .withDescription("io exception\n  Connection refused").asRuntimeException();

    assertThat(StatusTranslator.fromGrpc(SERVER, "be reached", error).getMessage()).isEqualTo(
        "Milvus at http://10.0.0.5:19530 could not be reached (io exception Connection refused): "
            + "check the address, port and TLS settings and that the server is running.");
  }
}
