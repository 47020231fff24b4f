package org.marketlink.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Writes rows of one schema, field by field, as {@link ParquetTypes} says. Used by one writer on one thread. */
final class RowWriteSupport extends WriteSupport<Row> {
    private final Schema schema;
    private final String[] names;
    private RecordConsumer out;

    RowWriteSupport(Schema schema) {
        this.schema = schema;
        this.names = schema.names().toArray(new String[0]);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(ParquetTypes.of(schema), Map.of("marketlink.fields", String.join(",", names)));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        out.startMessage();
        for (int i = 0; i < names.length; i++) {
            Object v = row.get(i);
            if (v == null) {
                continue; // an optional field's absence (a required one cannot be null in a row)
            }
            out.startField(names[i], i);
            switch (schema.field(i).type()) {
                case STRING, JSON -> out.addBinary(Binary.fromString((String) v));
                case DECIMAL -> out.addBinary(Binary.fromString(v.toString())); // exact: unscaled digits and scale
                case LONG -> out.addLong((Long) v);
                case DOUBLE -> out.addDouble((Double) v);
                case BOOLEAN -> out.addBoolean((Boolean) v);
                case DATE -> out.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
                case TIMESTAMP -> out.addLong(micros((Instant) v));
                default -> throw new IllegalStateException("no Parquet form for " + schema.field(i).type());
            }
            out.endField(names[i], i);
        }
        out.endMessage();
    }

    /** Microseconds since the epoch; an instant beyond a long's range of them (years ±292,000) is refused. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
