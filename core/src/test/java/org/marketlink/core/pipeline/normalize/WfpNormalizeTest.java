package org.marketlink.core.pipeline.normalize;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.testsupport.CsvLines;
import org.marketlink.core.testsupport.SharedData;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The WFP Kenya file through a normalising stage: mixed pack sizes become prices per kg, litre or unit. */
class WfpNormalizeTest {
    private static final Schema WFP = Schema.of(Field.required("commodity", FieldType.STRING),
            Field.required("unit", FieldType.STRING), Field.required("price", FieldType.DECIMAL));
    private static final Schema PER_BASE = Schema.of(Field.required("commodity", FieldType.STRING),
            Field.required("base_unit", FieldType.STRING), Field.required("price_per_base_unit", FieldType.DECIMAL));

    @Test
    void mixedUnits_becomePricePerBaseUnit_unknownUnitsQuarantined() throws IOException {
        Path file = SharedData.file("wfp_food_prices_ken.csv");
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(CsvSource.of(file, WFP, CsvOptions.defaults().withSkipLinesAfterHeader(1)))
                .then("per-base-unit", (Row in, Emitter<Row> out) -> {
                    var quantity = Units.parse(in.getString(1));
                    if (quantity.isEmpty()) {
                        out.reject("UNKNOWN_UNIT", "unit", "unit '" + in.getString(1) + "' has no base unit");
                        return;
                    }
                    out.emit(Row.of(PER_BASE, Names.clean(in.getString(0)), quantity.get().baseUnit(),
                            Units.pricePerBaseUnit(in.getDecimal(2), in.getString(1)).orElseThrow()));
                })
                .to(sink).quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(2048).withParallelism(2));

        // counted independently, with a quote-aware split of our own (some market names hold quoted commas)
        List<String[]> lines = Files.readAllLines(file).stream().skip(2)
                .map(l -> CsvLines.split(l).toArray(new String[0])).toList();
        long unknown = lines.stream().filter(f -> f[8].equals("Head") || f[8].equals("Bunch")).count();
        assertThat(report.rowsIn()).isEqualTo(lines.size());
        assertThat(report.quarantined()).isEqualTo(unknown).isEqualTo(48);
        assertThat(quarantine.rejections()).extracting(Rejection::reasonCode).containsOnly("UNKNOWN_UNIT");
        assertThat(report.rowsOut()).isEqualTo(lines.size() - unknown);
        assertThat(report.balanced()).isTrue();

        // the first "90 KG" line, priced per kilogram
        String[] firstSack = lines.stream().filter(f -> f[8].equals("90 KG")).findFirst().orElseThrow();
        int index = lines.indexOf(firstSack);
        long before = lines.subList(0, index).stream().filter(f -> f[8].equals("Head") || f[8].equals("Bunch")).count();
        Row converted = sink.rows().get((int) (index - before));
        assertThat(converted.getString(1)).isEqualTo("kg");
        assertThat(converted.getDecimal(2)).isEqualByComparingTo(new BigDecimal(firstSack[12])
                .divide(new BigDecimal(90), MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_EVEN));
        assertThat(sink.rows()).extracting(r -> r.getString(1)).containsOnly("kg", "l", "unit");
    }
}
