package city.parkgrid.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of {@code serve} mode: long random API keys, of which the platform keeps only
 * SHA-256 hashes (from configuration), so that neither the repository, the config file nor a
 * leaked config reveals a usable key. Immutable and thread-safe.
 *
 * <p>Keys are looked up by their hash, so the comparison leaks nothing about a stored key. Keys
 * shorter than 32 characters are refused outright: they could be guessed.
 */
public final class ApiKeys implements Authenticator {

    public static final int MIN_KEY_LENGTH = 32;

    private final Map<String, Principal> principalsByHash;

    /** @param principalsByHash lower-case hex SHA-256 of each key → whom it stands for */
    public ApiKeys(Map<String, Principal> principalsByHash) {
        this.principalsByHash = Map.copyOf(principalsByHash);
    }

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        if (bearerToken.length() < MIN_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(principalsByHash.get(sha256(bearerToken)));
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
