package city.parkgrid.reservations.memory;

import city.parkgrid.reservations.Booking;
import city.parkgrid.reservations.BookingStatus;
import city.parkgrid.reservations.BookingStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Bookings in this process: one node's, for {@code dev}, tests and the simulator. Each pool is
 * changed under its own lock, which is this store's atomic step. Ended bookings are kept for
 * {@link #find} as long as the process lives (a day's event books a few hundred).
 */
public final class InMemoryBookingStore implements BookingStore {

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, String> poolOf = new ConcurrentHashMap<>();

    /** One pool's bookings; guarded by itself. */
    private static final class Pool {
        final Map<String, Booking> bookings = new HashMap<>();
        /** The bookings taking a space, by id, and the plate each is for. */
        final Map<String, Booking> taking = new HashMap<>();

        final Map<String, String> byPlate = new HashMap<>();

        void lapse(Instant now) {
            for (Iterator<Booking> it = taking.values().iterator(); it.hasNext(); ) {
                Booking b = it.next();
                if (b.lapsedBy(now)) {
                    it.remove();
                    byPlate.remove(b.plate(), b.id());
                    bookings.put(b.id(), b.ended(BookingStatus.LAPSED, b.arriveUntil()));
                }
            }
        }

        PoolCounts counts() {
            int booked = (int) taking.values().stream()
                    .filter(b -> b.status() == BookingStatus.BOOKED)
                    .count();
            return new PoolCounts(booked, taking.size() - booked);
        }
    }

    private Pool pool(String poolId) {
        return pools.computeIfAbsent(poolId, id -> new Pool());
    }

    @Override
    public CompletionStage<Optional<Booking>> book(Booking booking, int spaces, Instant now) {
        Pool pool = pool(booking.poolId());
        synchronized (pool) {
            pool.lapse(now);
            String existing = pool.byPlate.get(booking.plate());
            if (existing != null) {
                return done(Optional.of(pool.bookings.get(existing)));
            }
            if (pool.taking.size() >= spaces || pool.bookings.containsKey(booking.id())) {
                return done(Optional.empty());
            }
            pool.bookings.put(booking.id(), booking);
            pool.taking.put(booking.id(), booking);
            pool.byPlate.put(booking.plate(), booking.id());
            poolOf.put(booking.id(), booking.poolId());
            return done(Optional.of(booking));
        }
    }

    @Override
    public CompletionStage<Optional<Booking>> find(String bookingId, Instant now) {
        return inPoolOf(bookingId, now, pool -> Optional.ofNullable(pool.bookings.get(bookingId)));
    }

    /** {@code step} under the booking's pool's lock, its lapsed bookings lapsed first; empty for an unknown id. */
    private CompletionStage<Optional<Booking>> inPoolOf(
            String bookingId, Instant now, Function<Pool, Optional<Booking>> step) {
        String poolId = poolOf.get(bookingId);
        if (poolId == null) {
            return done(Optional.empty());
        }
        Pool pool = pool(poolId);
        synchronized (pool) {
            pool.lapse(now);
            return done(step.apply(pool));
        }
    }

    @Override
    public CompletionStage<Optional<Booking>> end(String bookingId, BookingStatus endAs, Instant now) {
        if (endAs != BookingStatus.ARRIVED && endAs != BookingStatus.CANCELLED) {
            throw new IllegalArgumentException("a booking is ended as ARRIVED or CANCELLED, not " + endAs);
        }
        return inPoolOf(bookingId, now, pool -> {
            Booking booking = pool.bookings.get(bookingId);
            if (booking.status() != BookingStatus.BOOKED) {
                return Optional.of(booking);
            }
            Booking ended = booking.ended(endAs, now);
            pool.bookings.put(bookingId, ended);
            if (endAs == BookingStatus.ARRIVED) {
                pool.taking.put(bookingId, ended);
            } else {
                pool.taking.remove(bookingId);
                pool.byPlate.remove(booking.plate(), bookingId);
            }
            return Optional.of(ended);
        });
    }

    @Override
    public CompletionStage<PoolCounts> counts(String poolId, Instant now) {
        Pool pool = pools.get(poolId);
        if (pool == null) {
            return done(new PoolCounts(0, 0));
        }
        synchronized (pool) {
            pool.lapse(now);
            return done(pool.counts());
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
