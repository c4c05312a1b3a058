package io.exoreg.store;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Writes many new rows of one entity with PostgreSQL's {@code COPY}, on the connection of the
 * session's transaction. Hibernate has no bulk path of its own: batched inserts cost a statement
 * execution per row, several times what {@code COPY} costs for a whole table. The columns and their
 * values come from the entity's mapping, so the schema is named in one place; an id the entity
 * draws from a sequence is left to the column's default, which draws it from the same sequence.
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

  /** How an entity maps to its table: its columns, the id's first. */
  private record Mapping(
      EntityPersister persister,
      SharedSessionContractImplementor session,
      String table,
      List<String> columns,
      List<AttributeMapping> attributes) {
    static Mapping of(StatelessSession session, Class<?> type) {
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
            attribute.forEachSelectable(
                (i, column) -> columns.add(column.getSelectionExpression()));
          });
      if (columns.size() != attributes.size() + 1) {
        throw new IllegalStateException(
            type.getSimpleName() + " maps attributes of several columns");
      }
      return new Mapping(
          persister, implementor, persister.getIdentifierTableName(), columns, attributes);
    }

    String columnOf(String attribute) {
      return columns.get(1 + attributes.indexOf(persister.findAttributeMapping(attribute)));
    }
  }

  /**
   * Reads every row of an entity in the order of an attribute, as one {@code COPY}: a hundred
   * thousand rows come several times faster than through a query's result set.
   */
  static <T> List<T> read(StatelessSession session, Supplier<T> create, String orderBy) {
    T first = create.get();
    Mapping mapping = Mapping.of(session, first.getClass());
    session.createNativeMutationQuery("SET LOCAL DateStyle TO ISO").executeUpdate();
    String sql =
        "COPY (SELECT "
            + String.join(", ", mapping.columns())
            + " FROM "
            + mapping.table()
            + " ORDER BY "
            + mapping.columnOf(orderBy)
            + ") TO STDOUT";
    List<Class<?>> types = new ArrayList<>();
    mapping.attributes().forEach(a -> types.add(a.getJavaType().getJavaTypeClass()));
    List<T> rows = new ArrayList<>();
    session.doWork(
        connection -> {
          CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
          byte[] line;
          T row = first;
          while ((line = copy.readFromCopy()) != null) {
            List<String> fields = Text.fields(line);
            mapping
                .persister()
                .getIdentifierMapping()
                .setIdentifier(
                    row,
                    Text.parse(
                        fields.get(0),
                        mapping
                            .persister()
                            .getIdentifierMapping()
                            .getJavaType()
                            .getJavaTypeClass()),
                    mapping.session());
            for (int i = 0; i < types.size(); i++) {
              mapping
                  .attributes()
                  .get(i)
                  .setValue(row, Text.parse(fields.get(i + 1), types.get(i)));
            }
            rows.add(row);
            row = create.get();
          }
        });
    return rows;
  }

  /**
   * Inserts a row of one entity class for each item, as one {@code COPY}. Each row is made from its
   * item just before it is sent, so that making the rows overlaps with the server taking them in,
   * and no list of them all is ever held.
   */
  static <T> void insert(
      StatelessSession session, Class<?> type, List<T> items, Function<? super T, ?> toRow) {
    if (items.isEmpty()) {
      return;
    }
    Mapping mapping = Mapping.of(session, type);
    EntityPersister persister = mapping.persister();
    // an id drawn from a sequence is drawn by the column's default, from the same sequence, as the
    // server takes each row: drawn here, a hundred thousand ids would cost two thousand queries.
    // The
    // two never meet: a value the sequence gives a row here is the top of the block of ids it would
    // have given Hibernate's pool, and no other block holds it
    boolean idByDefault = persister.getGenerator() instanceof SequenceStyleGenerator;
    List<String> columns = mapping.columns().subList(idByDefault ? 1 : 0, mapping.columns().size());
    List<AttributeMapping> attributes = mapping.attributes();
    String table = mapping.table();
    String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    List<Object[]> keys =
        items.size() >= KEYS_CHECKED_AFTER ? dropForeignKeys(session, table) : List.of();
    session.doWork(
        connection -> {
          CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
          try {
            Text line = new Text();
            for (T item : items) {
              Object row = toRow.apply(item);
              if (!idByDefault) {
                line.value(persister.getIdentifierMapping().getIdentifier(row));
                line.separator('\t');
              }
              for (int i = 0; i < attributes.size(); i++) {
                line.value(attributes.get(i).getValue(row));
                line.separator(i < attributes.size() - 1 ? '\t' : '\n');
              }
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

    /** The fields of one row as {@code COPY} sends it, unescaped; null for {@code \\N}. */
    static List<String> fields(byte[] line) {
      List<String> fields = new ArrayList<>();
      byte[] field = new byte[line.length];
      int length = 0;
      boolean escaped = false;
      int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
      for (int i = 0; i <= end; i++) {
        if (i == end || line[i] == '\t') {
          fields.add(
              length == 2 && field[0] == '\\' && field[1] == 'N' && escaped
                  ? null
                  : new String(field, 0, length, StandardCharsets.UTF_8));
          length = 0;
          escaped = false;
        } else if (line[i] == '\\' && i + 1 < end) {
          byte next = line[++i];
          if (next == 'N' && length == 0) {
            field[length++] = '\\';
            field[length++] = 'N';
            escaped = true;
            continue;
          }
          field[length++] =
              switch (next) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 0x0b;
                default -> next;
              };
        } else {
          field[length++] = line[i];
        }
      }
      return fields;
    }

    /** A column's text as the attribute's type. */
    static Object parse(String text, Class<?> type) {
      if (text == null) {
        return null;
      } else if (type == String.class) {
        return text;
      } else if (type == Integer.class || type == int.class) {
        return Integer.valueOf(text);
      } else if (type == Long.class || type == long.class) {
        return Long.valueOf(text);
      } else if (type == Boolean.class || type == boolean.class) {
        return text.equals("t");
      } else if (type == LocalDate.class) {
        return LocalDate.parse(text);
      } else if (List.class.isAssignableFrom(type)) {
        return array(text);
      }
      throw new IllegalArgumentException("No value of " + type.getName() + " from COPY text");
    }

    /** The elements of an array literal: {a,"b \\"c\\""}; an unquoted NULL is null. */
    private static List<String> array(String text) {
      List<String> elements = new ArrayList<>();
      int i = 1;
      int end = text.length() - 1; // the closing brace
      while (i < end) {
        StringBuilder element = new StringBuilder();
        boolean quoted = text.charAt(i) == '"';
        if (quoted) {
          for (i++; text.charAt(i) != '"'; i++) {
            element.append(text.charAt(i) == '\\' ? text.charAt(++i) : text.charAt(i));
          }
          i++; // the closing quote
        } else {
          for (; i < end && text.charAt(i) != ','; i++) {
            element.append(text.charAt(i));
          }
        }
        String value = element.toString();
        elements.add(!quoted && value.equals("NULL") ? null : value);
        i++; // the comma
      }
      return elements;
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
