package org.marketlink.spark.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.spark.LocalSpark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MarketLink rows travel through Spark and back unchanged; what does not fit is named by column. */
class SparkRowsTest {
    static final Schema EVERY_TYPE = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("weight", FieldType.DOUBLE),
            Field.optional("price", FieldType.DECIMAL), Field.optional("organic", FieldType.BOOLEAN),
            Field.optional("day", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("tags", FieldType.JSON));

    static List<org.marketlink.core.data.Row> rows() {
        List<org.marketlink.core.data.Row> rows = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            boolean empty = i % 7 == 3;
            rows.add(org.marketlink.core.data.Row.of(EVERY_TYPE, i, empty ? null : "n" + i,
                    empty ? null : i * 0.25, empty ? null : BigDecimal.valueOf(i * 137, 2).setScale(18),
                    empty ? null : i % 2 == 0, empty ? null : LocalDate.of(2026, 1, 1).plusDays(i),
                    empty ? null : Instant.parse("2026-03-29T00:30:00Z").plusSeconds(i * 3601),
                    empty ? null : "[\"t" + i + "\"]"));
        }
        return rows;
    }

    @Test
    void everyFieldType_throughSpark_comesBackEqual_withEitherDateTimeSetting() {
        SparkSession spark = LocalSpark.session();
        for (String java8 : List.of("false", "true")) {
            spark.conf().set("spark.sql.datetime.java8API.enabled", java8);
            try {
                SparkRowWriter writer = SparkRowWriter.of(spark, EVERY_TYPE, new StructType());
                List<Row> spark1 = rows().stream().map(writer::write).toList();
                Dataset<Row> data = LocalSpark.dataset(spark1, writer.struct(), 3);
                assertThat(SparkSchemas.toSchema(data.schema())).isEqualTo(Schema.of(
                        EVERY_TYPE.fields().stream().map(f -> f.type() == FieldType.JSON
                                ? new Field(f.name(), FieldType.STRING, f.nullable()) : f).toList()));
                SparkRowReader reader = SparkRowReader.bind(data.schema(), EVERY_TYPE);
                List<org.marketlink.core.data.Row> back = data.collectAsList().stream().map(reader::read).toList();
                assertThat(back).as("java8API %s", java8).isEqualTo(rows());
            } finally {
                spark.conf().unset("spark.sql.datetime.java8API.enabled");
            }
        }
    }

    @Test
    void readerAndSchemas_nameTheColumnThatDoesNotFit() {
        StructType struct = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, true),
                DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType), true),
                DataTypes.createStructField("price", DataTypes.StringType, true)));
        assertThatThrownBy(() -> SparkSchemas.toSchema(struct)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'tags' has Spark type array<string>");
        assertThatThrownBy(() -> SparkRowReader.bind(struct, Schema.of(Field.required("price", FieldType.DECIMAL))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'price' is string in the Dataset, which cannot be read as DECIMAL");
        assertThatThrownBy(() -> SparkRowReader.bind(struct, Schema.of(Field.required("qty", FieldType.LONG))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Dataset has no column 'qty' (it has id, tags, price)");

        SparkRowReader ids = SparkRowReader.bind(struct, Schema.of(Field.required("id", FieldType.LONG)));
        assertThat(ids.read(RowFactory.create(7, null, null)).get(0)).isEqualTo(7L);
        assertThatThrownBy(() -> ids.read(RowFactory.create(null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'id' is required");
    }
}
