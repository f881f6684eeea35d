package city.parkgrid.reservations.memory;

import city.parkgrid.reservations.BookingStore;
import city.parkgrid.reservations.BookingStoreContract;

class InMemoryBookingStoreTest extends BookingStoreContract {

    @Override
    protected BookingStore newStore() {
        return new InMemoryBookingStore();
    }
}
