package dev.milvusmigrate.milvus;

import io.milvus.grpc.CreateCredentialRequest;
import io.milvus.grpc.CreateRoleRequest;
import io.milvus.grpc.GrantEntity;
import io.milvus.grpc.GrantorEntity;
import io.milvus.grpc.ObjectEntity;
import io.milvus.grpc.OperatePrivilegeRequest;
import io.milvus.grpc.OperatePrivilegeType;
import io.milvus.grpc.OperateUserRoleRequest;
import io.milvus.grpc.OperateUserRoleType;
import io.milvus.grpc.PrivilegeEntity;
import io.milvus.grpc.RoleEntity;
import io.milvus.grpc.SelectGrantRequest;
import io.milvus.grpc.SelectGrantResponse;
import io.milvus.grpc.SelectRoleRequest;
import io.milvus.grpc.SelectRoleResponse;
import io.milvus.grpc.SelectUserRequest;
import io.milvus.grpc.SelectUserResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@link AccessControl} over the raw gRPC API (SelectRole, SelectGrant, SelectUser and their writes). */
final class GrpcAccessControl implements AccessControl {

  private final GrpcCalls calls;

  GrpcAccessControl(GrpcCalls calls) {
    this.calls = calls;
  }

  @Override
  public List<String> roles() {
    SelectRoleResponse response = calls.call("list roles", stub -> stub.selectRole(SelectRoleRequest.getDefaultInstance()),
        SelectRoleResponse::getStatus);
    return response.getResultsList().stream().map(result -> result.getRole().getName()).toList();
  }

  @Override
  public List<Grant> grants(String role, String database) {
    GrantEntity filter = GrantEntity.newBuilder().setRole(RoleEntity.newBuilder().setName(role)).setDbName(database)
        .build();
    SelectGrantResponse response = calls.call("list the grants of role '" + role + "' in database '" + database + "'",
        stub -> stub.selectGrant(SelectGrantRequest.newBuilder().setEntity(filter).build()),
        SelectGrantResponse::getStatus);
    return response.getEntitiesList().stream().map(GrpcAccessControl::grantOf).toList();
  }

  private static Grant grantOf(GrantEntity entity) {
    return new Grant(entity.getRole().getName(), entity.getObject().getName(), entity.getObjectName(),
        entity.getGrantor().getPrivilege().getName(), entity.getDbName());
  }

  @Override
  public Map<String, Set<String>> usersAndRoles() {
    SelectUserResponse response = calls.call("list users",
        stub -> stub.selectUser(SelectUserRequest.newBuilder().setIncludeRoleInfo(true).build()),
        SelectUserResponse::getStatus);
    Map<String, Set<String>> users = new LinkedHashMap<>();
    response.getResultsList().forEach(result -> users.put(result.getUser().getName(),
        new TreeSet<>(result.getRolesList().stream().map(RoleEntity::getName).toList())));
    return users;
  }

  @Override
  public void createRole(String role) {
    calls.call("create role '" + role + "'", stub -> stub.createRole(CreateRoleRequest.newBuilder()
        .setEntity(RoleEntity.newBuilder().setName(role)).build()));
  }

  @Override
  public void grant(Grant grant) {
    GrantEntity entity = GrantEntity.newBuilder()
        .setRole(RoleEntity.newBuilder().setName(grant.role()))
        .setObject(ObjectEntity.newBuilder().setName(grant.objectType()))
        .setObjectName(grant.objectName())
        .setDbName(grant.database())
        .setGrantor(GrantorEntity.newBuilder().setPrivilege(PrivilegeEntity.newBuilder().setName(grant.privilege())))
        .build();
    calls.call("grant " + grant + " to role '" + grant.role() + "'", stub -> stub.operatePrivilege(
        OperatePrivilegeRequest.newBuilder().setEntity(entity).setType(OperatePrivilegeType.Grant).build()));
  }

  @Override
  public void createUser(String user, char[] password) {
    String encoded = base64(password);
    calls.call("create user '" + user + "'", stub -> stub.createCredential(CreateCredentialRequest.newBuilder()
        .setUsername(user).setPassword(encoded).build()));
  }

  /** Milvus takes passwords base64-encoded. */
  private static String base64(char[] password) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] raw = Arrays.copyOf(bytes.array(), bytes.limit());
    try {
      return Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(bytes.array(), (byte) 0);
    }
  }

  @Override
  public void addUserToRole(String user, String role) {
    calls.call("add user '" + user + "' to role '" + role + "'", stub -> stub.operateUserRole(
        OperateUserRoleRequest.newBuilder().setUsername(user).setRoleName(role)
            .setType(OperateUserRoleType.AddUserToRole).build()));
  }
}
