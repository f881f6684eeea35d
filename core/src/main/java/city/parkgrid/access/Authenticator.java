package city.parkgrid.access;

import java.util.Optional;

/** Turns a bearer token into a caller. Implementations are thread-safe and answer from memory. */
public interface Authenticator {

    /** Empty when the token is unknown. */
    Optional<Principal> authenticate(String bearerToken);
}
