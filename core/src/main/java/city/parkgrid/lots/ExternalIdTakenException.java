package city.parkgrid.lots;

import city.parkgrid.ConflictException;

/** Another lot already carries this id in this scheme: an external id names one lot only. */
public final class ExternalIdTakenException extends ConflictException {

    /** @param holderLotId the lot that has it, or null when it was taken concurrently by one unnamed */
    public ExternalIdTakenException(String scheme, String externalId, String holderLotId) {
        super(
                "external-id-taken",
                "External id taken",
                "externalIds." + scheme,
                "the " + scheme + " id '" + externalId + "' already belongs to "
                        + (holderLotId == null ? "another lot" : "lot '" + holderLotId + "'"));
    }
}
