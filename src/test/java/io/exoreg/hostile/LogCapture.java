package io.exoreg.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Every record logged anywhere in the application while it is open, with its MDC. */
final class LogCapture extends Handler implements AutoCloseable {
  private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  List<ExtLogRecord> records() {
    return records;
  }

  /** Each record as text: its message, parameters and the chain of its exception. */
  List<String> lines() {
    return records.stream()
        .map(
            r -> {
              StringBuilder text = new StringBuilder(String.valueOf(r.getFormattedMessage()));
              text.append(' ').append(r.getMessage());
              if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                  text.append(' ').append(p);
                }
              }
              for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
              }
              return text.toString();
            })
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      ext.copyMdc();
      records.add(ext);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
