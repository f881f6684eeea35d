package city.parkgrid.accounts;

import city.parkgrid.money.Money;

/**
 * A linked payer (ETC, Alipay, WeChat Pay): charges an account's reference. Blocking.
 * Implementations must be idempotent by key: the same key charged twice charges once and answers
 * the first outcome again, which is what makes retrying after a timeout safe.
 */
public interface PaymentGateway {

    enum Outcome {
        PAID,
        DECLINED
    }

    /**
     * @throws PaymentTimeoutException when no answer came in time; the charge may or may not have
     *     happened, so the caller retries with the same key
     */
    Outcome charge(String idempotencyKey, PaymentMethod method, Money amount);
}
