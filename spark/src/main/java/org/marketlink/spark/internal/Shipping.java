package org.marketlink.spark.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization of what travels between the driver and the executors. Checking on the driver first turns
 * Spark's "Task not serializable" (raised deep in a job, naming a lambda class) into an error that names what the
 * host passed and how to fix it.
 */
public final class Shipping {
    private Shipping() {
    }

    /**
     * Checks that {@code value} can be shipped to executors.
     *
     * @param what names the value in the error, for example {@code "suite 'orders'"}
     * @throws IllegalArgumentException naming {@code what} and the class that cannot be serialized
     */
    public static <T> T checkShippable(String what, T value) {
        try {
            toBytes(value);
            return value;
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(what + " cannot be shipped to Spark executors: " + e.getCause()
                    + " is not serializable. Lambdas must be serializable, for example"
                    + " (Predicate<RowView> & Serializable) row -> ...", e.getCause());
        }
    }

    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <T> T fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("an executor sent a class the driver does not have: " + e.getMessage(), e);
        }
    }

    /** Resolves classes through the thread's context loader: on a cluster, the one that holds the job's jars. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
