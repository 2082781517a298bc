"""Connects with the given credentials: prints what pymilvus's MilvusClient and a bare gRPC call of
ListDatabases (the generated stub, credentials in the authorization header) each got, one JSON line
each. The server's address in pymilvus's messages is printed as ADDRESS, so two paths compare.

  connect.py URI USER PASSWORD
"""
import base64
import json
import sys

import grpc
from pymilvus import MilvusClient, MilvusException
from pymilvus.grpc_gen import milvus_pb2, milvus_pb2_grpc

uri, user, password = sys.argv[1:4]
address = uri.split("://", 1)[1]

try:
    MilvusClient(uri=uri, user=user, password=password).list_collections()
    print(json.dumps({"client": "connected"}))
except MilvusException as e:
    print(json.dumps({"client": {"code": e.code, "message": e.message.replace(address, "ADDRESS")}}, sort_keys=True))

token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
with grpc.insecure_channel(address) as channel:
    try:
        reply = milvus_pb2_grpc.MilvusServiceStub(channel).ListDatabases(
            milvus_pb2.ListDatabasesRequest(), metadata=[("authorization", token)], timeout=30)
        print(json.dumps({"grpc": "OK", "status": reply.status.code, "reason": reply.status.reason,
                          "databases": list(reply.db_names)}, sort_keys=True))
    except grpc.RpcError as e:
        print(json.dumps({"grpc": e.code().name, "details": e.details()}, sort_keys=True))
