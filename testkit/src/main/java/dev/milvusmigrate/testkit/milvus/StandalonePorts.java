package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.FreePorts;

/** Every port one standalone instance listens on, all chosen free at start. */
record StandalonePorts(int proxy, int proxyInternal, int metrics, int rootCoord, int queryCoord, int queryNode,
    int indexCoord, int indexNode, int dataCoord, int dataNode, int etcdClient, int etcdPeer) {

  static StandalonePorts allocate() {
    int[] p = FreePorts.allocate(12);
    return new StandalonePorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
  }
}
