package io.exoreg.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Links the classes a start loaded, as the JVM logged them ({@code
 * -Xlog:class+load:file=...:none}), before the process that records the class archive exits: the
 * archive keeps only classes that were linked, and a start loads thousands (Hibernate's annotation
 * models and its query grammar, most of them) that it never links, which every later start would
 * read and parse from their jars again.
 */
final class LoadedClasses {
  private static final Logger LOG = Logger.getLogger(LoadedClasses.class);

  private LoadedClasses() {}

  /** Links each class the log names that this process's application class loader can load. */
  static void link(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    int linked = 0;
    for (String line : lines) {
      // "name source: where", where is "shared objects file" for a class the JDK's own archive has
      int space = line.indexOf(' ');
      if (space < 0 || line.endsWith("shared objects file")) {
        continue;
      }
      try {
        // reflecting on a class's fields links it, without running its static initializer
        Class.forName(line.substring(0, space), false, loader).getDeclaredFields();
        linked++;
      } catch (ClassNotFoundException | LinkageError e) {
        // a class of another loader (a proxy, a lambda's), or one that cannot link here: the
        // archive goes without it, and a start loads it as before
      }
    }
    LOG.infof("Linked %d loaded classes for the class archive", linked);
  }
}
