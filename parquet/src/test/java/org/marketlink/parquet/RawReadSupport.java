package org.marketlink.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.util.List;
import java.util.Map;

/**
 * Reads the columns a schema names, each record as an array of its raw values in the file's columns' order
 * ({@code Long}, {@code Integer}, {@code Double}, {@code Float}, {@code Boolean}, text for binary columns, bytes
 * for binary decimals);
 * {@link ParquetSource} turns them into rows. Dictionary-encoded text is decoded once per dictionary, not once per
 * value. Used by one reader on one thread.
 */
final class RawReadSupport extends ReadSupport<Object[]> {
    private final MessageType projection;

    /** Reads the columns of {@code projection}, a part of the file's schema. */
    RawReadSupport(MessageType projection) {
        this.projection = projection;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(projection);
    }

    @Override
    public RecordMaterializer<Object[]> prepareForRead(Configuration configuration, Map<String, String> metadata,
                                                       MessageType fileSchema, ReadContext readContext) {
        return new Materializer(readContext.getRequestedSchema().getFields());
    }

    private static final class Materializer extends RecordMaterializer<Object[]> {
        private final Root root;

        Materializer(List<Type> columns) {
            this.root = new Root(columns);
        }

        @Override
        public Object[] getCurrentRecord() {
            return root.values;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static final class Root extends GroupConverter {
        private final Column[] columns;
        Object[] values;

        Root(List<Type> types) {
            columns = new Column[types.size()];
            for (int i = 0; i < columns.length; i++) {
                PrimitiveType t = types.get(i).asPrimitiveType();
                boolean bytes = t.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
                columns[i] = new Column(this, i, t.getPrimitiveTypeName(), bytes);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return columns[fieldIndex];
        }

        @Override
        public void start() {
            values = new Object[columns.length];
        }

        @Override
        public void end() {
        }
    }

    /** One column's values into the current record. */
    private static final class Column extends PrimitiveConverter {
        private final Root root;
        private final int index;
        private final PrimitiveType.PrimitiveTypeName type;
        /** Whether binary values are kept as bytes (a decimal's unscaled value) rather than read as text. */
        private final boolean bytes;
        private Object[] dictionary;

        Column(Root root, int index, PrimitiveType.PrimitiveTypeName type, boolean bytes) {
            this.root = root;
            this.index = index;
            this.type = type;
            this.bytes = bytes;
        }

        private Object binary(Binary b) {
            return bytes ? b.getBytes() : b.toStringUsingUTF8();
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            Object[] decoded = new Object[d.getMaxId() + 1];
            for (int id = 0; id < decoded.length; id++) {
                decoded[id] = switch (type) {
                    case INT64 -> d.decodeToLong(id);
                    case INT32 -> d.decodeToInt(id);
                    case DOUBLE -> d.decodeToDouble(id);
                    case FLOAT -> d.decodeToFloat(id);
                    case BOOLEAN -> d.decodeToBoolean(id);
                    default -> binary(d.decodeToBinary(id));
                };
            }
            dictionary = decoded;
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            root.values[index] = dictionary[dictionaryId];
        }

        @Override
        public void addBinary(Binary value) {
            root.values[index] = binary(value);
        }

        @Override
        public void addBoolean(boolean value) {
            root.values[index] = value;
        }

        @Override
        public void addDouble(double value) {
            root.values[index] = value;
        }

        @Override
        public void addFloat(float value) {
            root.values[index] = value;
        }

        @Override
        public void addInt(int value) {
            root.values[index] = value;
        }

        @Override
        public void addLong(long value) {
            root.values[index] = value;
        }
    }
}
