package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.util.Collection;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Factories for in-memory sources. */
public final class Sources {
    private Sources() {
    }

    /** The elements of an iterable, re-iterated on each open. A {@code null} element is quarantined. */
    public static <T> Source<T> of(String name, Iterable<T> rows) {
        Checks.notNull("rows", rows);
        return fromIterators(name, rows::iterator,
                rows instanceof Collection<?> c ? OptionalLong.of(c.size()) : OptionalLong.empty());
    }

    /** A fresh iterator from {@code iterators} on each open, for streams the host produces. */
    public static <T> Source<T> fromIterators(String name, Supplier<? extends Iterator<T>> iterators,
                                              OptionalLong size) {
        Checks.notBlank("name", name);
        Checks.notNull("iterators", iterators);
        return new Source<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Cursor<T> open() {
                Iterator<T> it = iterators.get();
                return new Cursor<>() {
                    private long row;

                    @Override
                    public boolean next(RowConsumer<T> value, Consumer<Rejection> rejected) {
                        if (!it.hasNext()) {
                            return false;
                        }
                        T next = it.next();
                        row++;
                        if (next == null) {
                            rejected.accept(new Rejection("NULL_ROW", name, "", "the source gave a null row", "", row,
                                    name));
                        } else {
                            value.accept(next, row);
                        }
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public OptionalLong estimatedSize() {
                return size;
            }
        };
    }
}
