package io.exoreg.runtime;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stops the embedded PostgreSQL after every other part of the application has stopped. */
@ApplicationScoped
class EmbeddedShutdown {
  void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
    Main.stopEmbedded();
  }
}
