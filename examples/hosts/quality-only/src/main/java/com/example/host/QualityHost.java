package com.example.host;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.Rules;

import java.util.List;

/** A host that checks its own rows and nothing else. */
public final class QualityHost {
    public static void main(String[] args) {
        Schema schema = Schema.of(Field.required("price", FieldType.DOUBLE));
        Suite suite = Suite.of("prices", Rules.between("price", 0, 1000));
        System.out.println(suite.compile(schema).run(List.of(Row.of(schema, 12.5))).status());
    }
}
