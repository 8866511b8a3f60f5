package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A JVM waits up to 300 ms at exit for every thread running native code, and an HttpClient's
 * selector thread always is: {@link Transport#stop} must end it (the build opens the JDK's
 * internal package to the tests as the launcher's manifest does).
 */
class TransportStopTest {

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void stoppingAClientEndsItsSelectorThreadWhileTheClientIsStillReferenced() throws Exception {
        Set<Thread> before = selectorThreads();
        HttpClient client = HttpClient.newBuilder().build();
        Set<Thread> mine = new HashSet<>(selectorThreads());
        mine.removeAll(before);
        assertThat(mine).as("the client's selector thread").hasSize(1);
        Thread selector = mine.iterator().next();

        assertThat(Transport.stop(client)).isTrue();
        selector.join(5_000);
        assertThat(selector.isAlive()).isFalse();
        Reference.reachabilityFence(client); // only stop() can have ended it: the client was never unreachable
    }
}
