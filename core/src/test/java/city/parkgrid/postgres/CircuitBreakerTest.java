package city.parkgrid.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.postgres.CircuitBreaker.Admission;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofSeconds(2), nanos::get);

    @Test
    void closedLetsEveryoneThrough() {
        assertThat(breaker.admit()).isEqualTo(Admission.THROUGH);
        assertThat(breaker.admit()).isEqualTo(Admission.THROUGH);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void anOutageRefusesCallersForTheIntervalThenLetsOneProbeThrough() {
        breaker.failed(breaker.admit());
        assertThat(breaker.admit()).isEqualTo(Admission.REFUSED);
        nanos.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertThat(breaker.admit()).isEqualTo(Admission.REFUSED);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(breaker.admit()).isEqualTo(Admission.PROBE);
        assertThat(breaker.admit()).as("one probe at a time").isEqualTo(Admission.REFUSED);
    }

    @Test
    void aFailedProbeReopensForAnotherInterval() {
        breaker.failed(breaker.admit());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        Admission probe = breaker.admit();
        breaker.failed(probe);
        nanos.addAndGet(Duration.ofMillis(1_500).toNanos());
        assertThat(breaker.admit()).isEqualTo(Admission.REFUSED);
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(breaker.admit()).isEqualTo(Admission.PROBE);
    }

    @Test
    void aSucceedingProbeClosesIt() {
        breaker.failed(breaker.admit());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        breaker.succeeded(breaker.admit());
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.admit()).isEqualTo(Admission.THROUGH);
    }

    @Test
    void aProbeThatFailedForAnotherReasonLetsTheNextCallerProbe() {
        breaker.failed(breaker.admit());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        breaker.released(breaker.admit());
        assertThat(breaker.admit()).isEqualTo(Admission.PROBE);
    }

    @Test
    void aCallerLetThroughBeforeTheOutageDoesNotCloseItBySucceedingAfter() {
        Admission early = breaker.admit();
        breaker.failed(breaker.admit());
        breaker.succeeded(early);
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.admit()).isEqualTo(Admission.REFUSED);
    }
}
