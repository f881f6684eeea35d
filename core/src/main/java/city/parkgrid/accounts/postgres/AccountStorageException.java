package city.parkgrid.accounts.postgres;

/** PostgreSQL failed while reading or writing accounts; the cause says why. */
public class AccountStorageException extends RuntimeException {

    public AccountStorageException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
