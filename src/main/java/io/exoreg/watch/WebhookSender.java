package io.exoreg.watch;

import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RevisionWritten;
import io.exoreg.store.WatchStore;
import io.exoreg.store.WatchStore.Backlog;
import io.exoreg.store.WatchStore.Due;
import io.exoreg.store.WatchStore.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers watches' events from the outbox: a few sender threads, each taking the oldest due event
 * (whose watch has no earlier one waiting) under its row's lock, posting it signed, and recording
 * the attempt. A failed attempt is tried again after a wait that doubles each time, until the event
 * is older than {@code exoreg.webhooks.retry-for}. Writes and reads never wait for a receiver: they
 * share nothing with the senders but the outbox's rows, which only senders lock.
 */
@ApplicationScoped
public class WebhookSender {
  private static final Logger LOG = Logger.getLogger(WebhookSender.class);
  private static final int MAX_ERROR = 500;

  private final WatchStore store;
  private final WatchEvents events;
  private final CurrentTable current;
  private final ExoregConfig.Webhooks config;
  private final Clock clock;
  private final String userAgent;
  // made at the first delivery: a client loads TLS, hundreds of classes an instance without
  // webhooks never needs, and costs a start a tenth of a second
  private volatile HttpClient http;
  private final Semaphore wake = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final Counter sent;
  private final Counter retried;
  private final Counter failed;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private volatile boolean running;
  private volatile LocalDate dayDone;

  public WebhookSender(
      WatchStore store,
      WatchEvents events,
      CurrentTable current,
      ExoregConfig config,
      Clock clock,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
    this.store = store;
    this.events = events;
    this.current = current;
    this.config = config.webhooks();
    this.clock = clock;
    this.userAgent = "exoreg-webhooks/" + version;
    this.sent = deliveries(registry, "sent");
    this.retried = deliveries(registry, "retried");
    this.failed = deliveries(registry, "failed");
    Gauge.builder("exoreg.webhooks.pending", pending, AtomicLong::get)
        .description("Events waiting in the outbox for their webhook")
        .register(registry);
    Gauge.builder(
            "exoreg.webhooks.lag",
            oldestPendingMillis,
            oldest -> oldest.get() == 0 ? 0 : (clock.millis() - oldest.get()) / 1000.0)
        .baseUnit("seconds")
        .description("Age of the oldest event waiting for its webhook; 0 when none waits")
        .register(registry);
  }

  private static Counter deliveries(MeterRegistry registry, String outcome) {
    return Counter.builder("exoreg.webhooks.deliveries")
        .description(
            "Attempts to deliver an event: sent (answered 2xx), retried (failed, tried again"
                + " later), failed (failed, and given up)")
        .tag("outcome", outcome)
        .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    for (int i = 0; i < config.senders(); i++) {
      threads.add(start("exoreg-webhooks-" + (i + 1), this::send));
    }
    threads.add(start("exoreg-watch-days", this::watchDays));
  }

  private static Thread start(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(config.timeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** This instance's events leave as soon as their revision commits. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RevisionWritten written) {
    wake();
  }

  private void wake() {
    if (wake.availablePermits() < config.senders()) {
      wake.release(config.senders());
    }
  }

  private void send() {
    while (running) {
      try {
        if (current.get().isPresent() && store.deliverNext(this::attempt)) {
          continue;
        }
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.debugf(e, "Could not read the webhooks' outbox; trying again");
      }
      try {
        wake.tryAcquire(config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Turns each new day into events once it comes, and reads the backlog for the meters. */
  private void watchDays() {
    while (running) {
      try {
        if (current.get().isPresent()) {
          LocalDate today = LocalDate.now(clock);
          if (!today.equals(dayDone) && events.turnDays(today)) {
            dayDone = today;
            wake();
          }
          Backlog backlog = store.backlog();
          pending.set(backlog.pending());
          oldestPendingMillis.set(
              backlog.oldest() == null ? 0 : backlog.oldest().toInstant().toEpochMilli());
        }
      } catch (RuntimeException e) {
        LOG.debugf(e, "Could not turn the day into watches' events; trying again");
      }
      try {
        Thread.sleep(config.pollEvery().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(config.timeout())
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          http = client;
        }
      }
    }
    return client;
  }

  /** One attempt: the event posted, signed, and what became of it. */
  private Outcome attempt(Due due) {
    long started = System.nanoTime();
    Integer status = null;
    String error =
        due.url() == null
            ? "the watch has no webhook"
            : WebhookAddresses.refusal(due.url(), config.allowPrivateAddresses())
                .map(why -> "not sent: the URL " + why)
                .orElse(null);
    if (error == null) {
      try {
        status = post(due);
        if (status / 100 != 2) {
          error = "answered " + status;
        }
      } catch (HttpTimeoutException e) {
        error = "no answer within " + config.timeout().toMillis() + " ms";
      } catch (IOException e) {
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // rolled back: the event stays due, with no attempt recorded
        throw new IllegalStateException("Stopped while delivering", e);
      }
    }
    int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
    if (error == null) {
      sent.increment();
      return new Outcome(status, millis, null, WatchStore.DELIVERED, null);
    }
    error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    OffsetDateTime retryAt = OffsetDateTime.now(clock).plus(backoff(due.attempts() + 1));
    if (retryAt.isAfter(due.createdAt().plus(config.retryFor()))) {
      failed.increment();
      LOG.warnf(
          "Gave up delivering event %d of watch %s after %d attempts: %s",
          due.id(), due.watchId(), due.attempts() + 1, error);
      return new Outcome(status, millis, error, WatchStore.FAILED, null);
    }
    retried.increment();
    return new Outcome(status, millis, error, WatchStore.PENDING, retryAt);
  }

  /** What went wrong, from the failure and its causes: "ConnectException: Connection refused". */
  private static String failure(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return text.append(": ").append(cause.getMessage()).toString();
      }
      if (cause.getCause() != null) {
        text.append(" (").append(cause.getCause().getClass().getSimpleName()).append(')');
      }
    }
    return text.toString();
  }

  /** The wait after the {@code n}th failed attempt: the first wait, doubled each time, capped. */
  Duration backoff(int n) {
    Duration wait = config.firstRetryAfter();
    for (int i = 1; i < n && wait.compareTo(config.maxRetryInterval()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(config.maxRetryInterval()) > 0 ? config.maxRetryInterval() : wait;
  }

  private int post(Due due) throws IOException, InterruptedException {
    String id = messageId(due.id());
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String signature = WebhookSignature.sign(due.secret(), id, timestamp, due.body());
    if (due.previousSecret() != null) {
      // while a rotated secret is still honoured, receivers may verify with either
      signature += " " + WebhookSignature.sign(due.previousSecret(), id, timestamp, due.body());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(due.url()))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", userAgent)
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp)
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(due.body()))
            .build();
    HttpResponse<InputStream> response =
        http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    // the answer's body is not wanted: closed unread, so a receiver cannot hold a sender with it
    response.body().close();
    return response.statusCode();
  }

  /** The {@code webhook-id} of an event: the same at every attempt, so receivers can dedupe. */
  static String messageId(long eventId) {
    return "evt_" + eventId;
  }
}
