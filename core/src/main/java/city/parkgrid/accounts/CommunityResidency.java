package city.parkgrid.accounts;

import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.regions.ResidentRegistry;

/**
 * The resident discount's rule: it applies to registered residents of the community the lot's
 * entrance lies in, and to no one else (a resident of the next community pays in full). Blocking.
 */
public final class CommunityResidency implements ResidencyCheck {

    private final ResidentRegistry residents;
    private final Geography geography;

    public CommunityResidency(ResidentRegistry residents, Geography geography) {
        this.residents = residents;
        this.geography = geography;
    }

    @Override
    public boolean isResidentOf(String plate, Lot lot) {
        return residents
                .findByPlate(plate)
                .map(resident -> geography
                        .snapshot()
                        .communityAt(lot.entrance())
                        .map(community -> community.id().equals(resident.communityId()))
                        .orElse(false))
                .orElse(false);
    }
}
