package city.parkgrid.accounts;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Text;

/**
 * How an account pays: from a prepaid balance, or by charging a linked payer.
 *
 * @param provider and {@code reference} only for LINKED (the payer's id for this person)
 */
public record PaymentMethod(Type type, Provider provider, String reference) {

    public enum Type {
        PREPAID,
        LINKED
    }

    public enum Provider {
        ETC,
        ALIPAY,
        WECHAT
    }

    public static final PaymentMethod PREPAID = new PaymentMethod(Type.PREPAID, null, null);

    public PaymentMethod {
        if (type == null) {
            throw new InvalidInputException("paymentMethod.type", "must be PREPAID or LINKED");
        }
        if (type == Type.LINKED && provider == null) {
            throw new InvalidInputException("paymentMethod.provider", "a LINKED account names ETC, ALIPAY or WECHAT");
        }
        if (type == Type.LINKED && (reference == null || reference.isBlank())) {
            throw new InvalidInputException(
                    "paymentMethod.reference", "a LINKED account names its reference at the payer");
        }
        if (type == Type.LINKED) {
            Text.require("paymentMethod.reference", reference, Text.MAX_REFERENCE);
        }
        if (type == Type.PREPAID && (provider != null || reference != null)) {
            throw new InvalidInputException("paymentMethod.provider", "a PREPAID account has no provider");
        }
    }

    public static PaymentMethod linked(Provider provider, String reference) {
        return new PaymentMethod(Type.LINKED, provider, reference);
    }
}
