package city.parkgrid.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documented tokens of {@code dev} mode: {@code dev-operator-<operatorId>},
 * {@code dev-bureau}, {@code dev-driver-<driverId>} and {@code dev-service-<name>}. Anyone can
 * write them, so only the embedded dev platform wires this in; {@code serve} never does.
 * Thread-safe (stateless).
 */
public final class DevTokens implements Authenticator {

    private static final Pattern TOKEN = Pattern.compile("dev-(operator|driver|service)-([A-Za-z0-9_.-]{1,64})");

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        if ("dev-bureau".equals(bearerToken)) {
            return Optional.of(new Principal(Role.BUREAU, "bureau"));
        }
        Matcher m = TOKEN.matcher(bearerToken);
        if (!m.matches()) {
            return Optional.empty();
        }
        Role role = switch (m.group(1)) {
            case "operator" -> Role.OPERATOR;
            case "driver" -> Role.DRIVER;
            default -> Role.SERVICE;
        };
        return Optional.of(new Principal(role, m.group(2)));
    }
}
