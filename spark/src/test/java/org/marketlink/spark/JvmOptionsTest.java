package org.marketlink.spark;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flags hosts and the benchmark take from {@code spark/spark-jvm-options.txt} are the ones these tests run with
 * (the surefire configuration lists them again): editing one list without the other fails here.
 */
class JvmOptionsTest {

    @Test
    void documentedFlags_areTheTestJvmFlags() throws Exception {
        List<String> documented = Files.readAllLines(Path.of("spark-jvm-options.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(documented).isNotEmpty();
        assertThat(running).containsAll(documented);
        assertThat(running.stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")
                || a.startsWith("-Dio.netty")).toList()).containsExactlyInAnyOrderElementsOf(documented);
    }
}
