package io.exoreg.store;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes many new rows of one entity with PostgreSQL's {@code COPY}, on the connection of the
 * session's transaction. Hibernate has no bulk path of its own: batched inserts cost a statement
 * execution per row, several times what {@code COPY} costs for a whole table. The columns and their
 * values come from the entity's mapping, so the schema is named in one place; ids are drawn from
 * the entity's own generator, as {@link StatelessSession#insert} would draw them.
 */
final class BulkCopy {
  private static final int CHUNK = 1 << 16;

  private static final byte[] NULL = {'\\', 'N'};

  /**
   * From this many rows on, the table's foreign keys are checked once for all of them after the
   * {@code COPY} (dropped and added again in the same transaction, as PostgreSQL advises for bulk
   * loads) rather than row by row, which costs as much as the {@code COPY} itself.
   */
  private static final int KEYS_CHECKED_AFTER = 10_000;

  private BulkCopy() {}

  /** Inserts the rows, all of one entity class, as one {@code COPY}. */
  static void insert(StatelessSession session, Class<?> type, List<?> rows) {
    if (rows.isEmpty()) {
      return;
    }
    SharedSessionContractImplementor implementor =
        session.unwrap(SharedSessionContractImplementor.class);
    EntityPersister persister =
        implementor.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    List<String> columns = new ArrayList<>();
    persister
        .getIdentifierMapping()
        .forEachSelectable((i, column) -> columns.add(column.getSelectionExpression()));
    List<AttributeMapping> attributes = new ArrayList<>();
    persister.forEachAttributeMapping(
        attribute -> {
          attributes.add(attribute);
          attribute.forEachSelectable((i, column) -> columns.add(column.getSelectionExpression()));
        });
    if (columns.size() != attributes.size() + 1) {
      throw new IllegalStateException(type.getSimpleName() + " maps attributes of several columns");
    }
    Generator generator = persister.getGenerator();
    String table = persister.getIdentifierTableName();
    String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    // the ids first: drawing one from a sequence is a query, and none may run during the COPY
    Object[] ids = new Object[rows.size()];
    int n = 0;
    for (Object row : rows) {
      Object id = persister.getIdentifierMapping().getIdentifier(row);
      if (id == null && generator instanceof BeforeExecutionGenerator drawn) {
        id = drawn.generate(implementor, row, null, EventType.INSERT);
      }
      ids[n++] = id;
    }
    List<Object[]> keys =
        rows.size() >= KEYS_CHECKED_AFTER ? dropForeignKeys(session, table) : List.of();
    session.doWork(
        connection -> {
          CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
          try {
            Text line = new Text();
            int i = 0;
            for (Object row : rows) {
              line.value(ids[i++]);
              for (AttributeMapping attribute : attributes) {
                line.separator('\t');
                line.value(attribute.getValue(row));
              }
              line.separator('\n');
              if (line.length >= CHUNK) {
                copy.writeToCopy(line.bytes, 0, line.length);
                line.length = 0;
              }
            }
            copy.writeToCopy(line.bytes, 0, line.length);
            copy.endCopy();
          } finally {
            if (copy.isActive()) {
              copy.cancelCopy();
            }
          }
        });
    for (Object[] key : keys) {
      session
          .createNativeMutationQuery(
              "ALTER TABLE " + table + " ADD CONSTRAINT \"" + key[0] + "\" " + key[1])
          .executeUpdate();
    }
  }

  /**
   * Drops the table's foreign keys; returns each one's name and definition. The checks the
   * transaction has deferred so far are made first: a table with checks pending cannot be altered.
   * Every deferrable key of the schema is deferred at first, and is again afterwards.
   */
  private static List<Object[]> dropForeignKeys(StatelessSession session, String table) {
    session.createNativeMutationQuery("SET CONSTRAINTS ALL IMMEDIATE").executeUpdate();
    session.createNativeMutationQuery("SET CONSTRAINTS ALL DEFERRED").executeUpdate();
    List<Object[]> keys =
        session
            .createNativeQuery(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = CAST(?1 AS regclass) AND contype = 'f' ORDER BY conname",
                Object[].class)
            .setParameter(1, table)
            .getResultList();
    for (Object[] key : keys) {
      session
          .createNativeMutationQuery("ALTER TABLE " + table + " DROP CONSTRAINT \"" + key[0] + "\"")
          .executeUpdate();
    }
    return keys;
  }

  /** Rows in the text format of {@code COPY}, as UTF-8. */
  private static final class Text {
    byte[] bytes = new byte[CHUNK + 8192];
    int length;

    void separator(char c) {
      room(1);
      bytes[length++] = (byte) c;
    }

    void value(Object value) {
      if (value == null) {
        raw(NULL);
      } else if (value instanceof String text) {
        escaped(text.getBytes(StandardCharsets.UTF_8));
      } else if (value instanceof Number || value instanceof LocalDate) {
        raw(value.toString().getBytes(StandardCharsets.US_ASCII));
      } else if (value instanceof Boolean flag) {
        separator(flag ? 't' : 'f');
      } else if (value instanceof List<?> list) {
        escaped(array(list).getBytes(StandardCharsets.UTF_8));
      } else {
        throw new IllegalArgumentException("No COPY text for a " + value.getClass().getName());
      }
    }

    /** An array literal: {"a","b \\"c\\""}. */
    private static String array(List<?> list) {
      StringBuilder array = new StringBuilder("{");
      for (int i = 0; i < list.size(); i++) {
        array.append(i > 0 ? ",\"" : "\"");
        String element = (String) list.get(i);
        for (int c = 0; c < element.length(); c++) {
          char ch = element.charAt(c);
          if (ch == '"' || ch == '\\') {
            array.append('\\');
          }
          array.append(ch);
        }
        array.append('"');
      }
      return array.append('}').toString();
    }

    /**
     * The bytes with backslash, newline, carriage return and tab escaped; the bytes of a character
     * beyond ASCII in UTF-8 are never one of those.
     */
    private void escaped(byte[] text) {
      room(text.length * 2);
      for (byte b : text) {
        byte escape =
            switch (b) {
              case '\\' -> '\\';
              case '\n' -> 'n';
              case '\r' -> 'r';
              case '\t' -> 't';
              default -> 0;
            };
        if (escape != 0) {
          bytes[length++] = '\\';
          bytes[length++] = escape;
        } else {
          bytes[length++] = b;
        }
      }
    }

    private void raw(byte[] text) {
      room(text.length);
      System.arraycopy(text, 0, bytes, length, text.length);
      length += text.length;
    }

    private void room(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}
