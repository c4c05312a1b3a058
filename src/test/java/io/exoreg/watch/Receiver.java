package io.exoreg.watch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on this machine: it records every request it gets, answers the first {@code
 * failures} of them with 500, and the rest with 204.
 */
public final class Receiver implements AutoCloseable {
  /** A request as received. */
  public record Received(
      String id, String timestamp, String signature, String body, int answeredWith) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();

  private Receiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext(
        "/hook",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
          synchronized (received) {
            received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body,
                    status));
            received.notifyAll();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** A receiver on a free port. */
  public static Receiver start() throws IOException {
    return new Receiver(0);
  }

  /** A receiver on this port, as a webhook created before it was there names it. */
  public static Receiver start(int port) throws IOException {
    return new Receiver(port);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next {@code n} requests are answered with 500. */
  public void failNext(int n) {
    failures.set(n);
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Waits until the requests received satisfy {@code done}; what was received by then. */
  public List<Received> await(Predicate<List<Received>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (!done.test(received) && System.nanoTime() < deadline) {
        received.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      return List.copyOf(received);
    }
  }

  /**
   * Whether one of the signatures a request carries verifies with this secret, computed here from
   * the Standard Webhooks scheme rather than by the service's own code.
   */
  public static boolean verifies(Received request, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  mac.doFinal(
                      (request.id() + "." + request.timestamp() + "." + request.body())
                          .getBytes(StandardCharsets.UTF_8)));
      for (String signature : request.signature().split(" ")) {
        if (signature.equals("v1," + expected)) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
