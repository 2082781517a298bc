package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source log kept in Pulsar topics (Milvus 2.2-2.5 on Pulsar): the channels are the
 * non-partitioned topics of the configured tenant and namespace that capture selects, found
 * through the admin REST API (a collection created while the job runs adds some). Each is read with
 * a {@link Reader} from an explicit position ({@link PulsarPositions}); beside it, capture's own
 * durable subscription holds every entry capture may still need, since Pulsar deletes what every
 * subscription acknowledged: it is acknowledged only up to the positions committed to Kafka
 * ({@link #committed}) and deleted when the job needs the log no more ({@link #release}). A
 * position whose subscription is gone fails the job, as Kafka retention does for {@link KafkaLog}.
 */
final class PulsarLog<E> implements SourceLog<E> {

  private static final Logger log = LoggerFactory.getLogger(PulsarLog.class);
  /** How often a channel read to its end asks the broker whether more arrived. */
  private static final long CAUGHT_UP_CHECK_NANOS = Duration.ofMillis(500).toNanos();
  private static final int RECEIVER_QUEUE = 1000;
  /** At most this many entries of one channel per poll, so one busy channel does not hold up the others. */
  private static final int PER_CHANNEL = RECEIVER_QUEUE;

  private final PulsarSettings settings;
  private final PulsarAdminApi admin;
  private final PulsarClient client;
  private final String subscription;
  private final Predicate<String> topics;
  private final EntryDecoder<E> decoder;
  private final Map<LogChannel, Consumer<byte[]>> retained = new HashMap<>();
  private final Map<LogChannel, Channel> reading = new HashMap<>();
  private volatile CompletableFuture<Void> woken = new CompletableFuture<>();

  PulsarLog(PulsarSettings settings, String subscription, Predicate<String> topics, EntryDecoder<E> decoder) {
    this.settings = settings;
    this.admin = new PulsarAdminApi(settings);
    this.subscription = subscription;
    this.topics = topics;
    this.decoder = decoder;
    this.client = client(settings);
  }

  /** The name of capture's subscription for a job: {@code <kafka.topic-prefix>.cdc-capture.<job>}. */
  static String subscription(String topicPrefix, String jobId) {
    return topicPrefix + ".cdc-capture." + jobId;
  }

  private static PulsarClient client(PulsarSettings settings) {
    try {
      ClientBuilder builder = PulsarClient.builder().serviceUrl(settings.serviceUrl())
          .operationTimeout((int) PulsarAdminApi.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      settings.token().ifPresent(token -> builder.authentication(AuthenticationFactory.token(token)));
      settings.trustCertsFile().ifPresent(builder::tlsTrustCertsFilePath);
      return builder.build();
    } catch (PulsarClientException e) {
      throw new JobFailure("Capture cannot use the source's Pulsar " + settings + ": " + e.getMessage(), null, null, e);
    }
  }

  @Override
  public Set<LogChannel> channels() {
    Set<LogChannel> found = new HashSet<>();
    admin.topics().stream().filter(topics).forEach(topic -> found.add(new LogChannel(topic, 0)));
    return found;
  }

  /**
   * Creates capture's subscription at the end of each channel first, then asks for the last
   * message: everything after the returned ends is held for capture from now on.
   */
  @Override
  public Map<LogChannel, Long> ends(Set<LogChannel> channels) {
    Map<LogChannel, Long> ends = new HashMap<>();
    for (LogChannel channel : channels) {
      Consumer<byte[]> consumer = retain(channel, SubscriptionInitialPosition.Latest);
      MessageIdAdv last = (MessageIdAdv) call(channel, () -> consumer.getLastMessageIds().get(0));
      ends.put(channel, last.getLedgerId() < 0 ? PulsarPositions.BEGINNING
          : last.getEntryId() < 0 ? PulsarPositions.offset(channel.name(), last.getLedgerId(), 0)
          : PulsarPositions.offset(channel.name(), last) + 1);
    }
    return ends;
  }

  @Override
  public void read(Map<LogChannel, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    positions.forEach((channel, position) -> {
      requireRetained(channel, position);
      retain(channel, SubscriptionInitialPosition.Earliest);
      Channel previous = reading.put(channel, new Channel(channel, position));
      if (previous != null) {
        previous.close();
      }
    });
    log.info("Reading {} source log channel(s) on Pulsar now: {}", reading.size(), positions);
  }

  /** A position after the beginning is held only while capture's subscription exists. */
  private void requireRetained(LogChannel channel, long position) {
    if (position == PulsarPositions.BEGINNING || retained.containsKey(channel)
        || admin.subscriptions(channel.name()).contains(subscription)) {
      return;
    }
    throw new JobFailure("The source's log " + channel.name() + " may no longer hold position " + position
        + " because capture's subscription " + subscription + " on it is gone (deleted, or expired by the namespace's"
        + " subscription expiration), so changes made while capture was behind may be lost: start a new job.",
        null, null);
  }

  private Consumer<byte[]> retain(LogChannel channel, SubscriptionInitialPosition initial) {
    Consumer<byte[]> consumer = retained.get(channel);
    if (consumer == null) {
      consumer = call(channel, () -> client.newConsumer(Schema.BYTES).topic(channel.name())
          .subscriptionName(subscription).subscriptionType(SubscriptionType.Exclusive)
          .subscriptionInitialPosition(initial).receiverQueueSize(1).subscribe());
      retained.put(channel, consumer);
    }
    return consumer;
  }

  @Override
  public Set<LogChannel> reading() {
    return Set.copyOf(reading.keySet());
  }

  @Override
  public List<LogEntry<E>> poll(Duration timeout) {
    List<LogEntry<E>> entries = new ArrayList<>();
    reading.values().forEach(channel -> channel.take(entries));
    if (entries.isEmpty()) {
      List<CompletableFuture<?>> waits = new ArrayList<>();
      reading.values().forEach(channel -> waits.add(channel.next));
      waits.add(woken);
      try {
        CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // nothing arrived, or a read failed, which take() reports
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return entries;
      }
      reading.values().forEach(channel -> channel.take(entries));
    }
    if (woken.isDone()) {
      woken = new CompletableFuture<>();
    }
    return entries;
  }

  @Override
  public Optional<E> entryBefore(LogChannel channel, long offset) {
    throw new UnsupportedOperationException("A Pulsar log is not read backwards; only the capture-proxy's topic is.");
  }

  @Override
  public boolean caughtUp(LogChannel channel) {
    Channel read = reading.get(channel);
    return read != null && read.caughtUp();
  }

  /** Acknowledges capture's subscription up to the entry before each committed position. */
  @Override
  public void committed(Map<LogChannel, Long> positions) {
    positions.forEach((channel, position) -> {
      Consumer<byte[]> consumer = retained.get(channel);
      MessageId before = PulsarPositions.before(position);
      if (consumer != null && before != null) {
        consumer.acknowledgeCumulativeAsync(before).exceptionally(failed -> {
          log.debug("Acknowledging {} on {} failed (the next commit acknowledges further): {}", before, channel,
              failed.getMessage());
          return null;
        });
      }
    });
  }

  /** Deletes capture's subscription from every channel of the namespace that has it. */
  @Override
  public void release() {
    closeAll();
    for (String topic : admin.topics()) {
      if (topics.test(topic) && admin.subscriptions(topic).contains(subscription)) {
        admin.deleteSubscription(topic, subscription);
        log.info("Deleted capture's subscription {} from {}", subscription, topic);
      }
    }
  }

  @Override
  public void wakeup() {
    woken.complete(null);
  }

  @Override
  public void close() {
    closeAll();
    try {
      client.close();
    } catch (PulsarClientException e) {
      log.debug("Closing the Pulsar client failed: {}", e.getMessage());
    }
  }

  private void closeAll() {
    reading.values().forEach(Channel::close);
    reading.clear();
    retained.values().forEach(consumer -> consumer.closeAsync().exceptionally(failed -> null));
    retained.clear();
  }

  @FunctionalInterface
  private interface PulsarCall<T> {
    T call() throws PulsarClientException;
  }

  private <T> T call(LogChannel channel, PulsarCall<T> call) {
    try {
      return call.call();
    } catch (PulsarClientException.AuthenticationException | PulsarClientException.AuthorizationException e) {
      throw new JobFailure("The source's Pulsar refused capture on " + channel.name() + ": " + e.getMessage()
          + "; check capture.wal.pulsar.token and its role's permissions.", null, null, e);
    } catch (PulsarClientException e) {
      throw new PulsarUnavailable("The source's Pulsar failed on " + channel.name() + ": " + e.getMessage(), e);
    }
  }

  /** One channel being read: its reader and the read in flight. */
  private final class Channel {
    private final LogChannel channel;
    private final Reader<byte[]> reader;
    private CompletableFuture<Message<byte[]>> next;
    private boolean caughtUp;
    private long checked;

    Channel(LogChannel channel, long position) {
      this.channel = channel;
      this.reader = call(channel, () -> client.newReader(Schema.BYTES).topic(channel.name())
          .startMessageId(PulsarPositions.messageId(position)).startMessageIdInclusive()
          .receiverQueueSize(RECEIVER_QUEUE).create());
      this.next = reader.readNextAsync();
    }

    void take(List<LogEntry<E>> entries) {
      for (int taken = 0; taken < PER_CHANNEL && next.isDone(); taken++) {
        Message<byte[]> message;
        try {
          message = next.join();
        } catch (RuntimeException e) {
          throw new PulsarUnavailable("Reading " + channel.name() + " on the source's Pulsar failed: "
              + e.getMessage(), e);
        }
        next = reader.readNextAsync();
        long offset = PulsarPositions.offset(channel.name(), message.getMessageId());
        entries.add(new LogEntry<>(channel, offset, decoder.decode(channel.name(), offset, message.getValue())));
        caughtUp = false;
      }
    }

    boolean caughtUp() {
      if (next.isDone()) {
        return false;
      }
      if (System.nanoTime() - checked >= CAUGHT_UP_CHECK_NANOS) {
        checked = System.nanoTime();
        caughtUp = !call(channel, reader::hasMessageAvailable);
      }
      return caughtUp;
    }

    void close() {
      next.cancel(false);
      reader.closeAsync().exceptionally(failed -> null);
    }
  }
}
