package dev.milvusmigrate.proxy;

import io.grpc.Channel;

/**
 * Where the proxy sends the applications' calls: to the source, recording its writes, until a
 * cutover switched it to the target, where it records nothing. It never switches back.
 */
final class Upstream {

  /**
   * One way to forward.
   *
   * @param order null to forward writes unordered and without intents
   * @param writes null to record nothing
   */
  record Route(Channel channel, WriteOrder order, Intents intents, AcknowledgedWrites writes) {
    static Route unrecorded(Channel channel) {
      return new Route(channel, null, null, null);
    }

    boolean recording() {
      return writes != null;
    }
  }

  private volatile Route route;
  private volatile boolean onTarget;

  Upstream(Route source) {
    this.route = source;
  }

  static Upstream onTarget(Channel target) {
    Upstream upstream = new Upstream(Route.unrecorded(target));
    upstream.onTarget = true;
    return upstream;
  }

  Route route() {
    return route;
  }

  /** From now on every call goes to the target, unrecorded. */
  void switchTo(Channel target) {
    route = Route.unrecorded(target);
    onTarget = true;
  }

  boolean onTarget() {
    return onTarget;
  }
}
