package city.parkgrid.accounts;

/** The payer did not answer in time; whether it charged is unknown until a retry with the same key. */
public class PaymentTimeoutException extends RuntimeException {

    public PaymentTimeoutException(String message) {
        super(message);
    }
}
