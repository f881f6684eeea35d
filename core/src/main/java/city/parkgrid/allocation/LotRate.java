package city.parkgrid.allocation;

import city.parkgrid.money.Money;
import java.time.Instant;

/**
 * What a lot charges a driver who enters at their arrival, and what it will charge once its next
 * tariff version takes effect (a bureau's reviewed rate is published this way before it applies).
 *
 * @param rate the price of one unit starting at the arrival, by the version in force then
 * @param unitMinutes the unit's length
 * @param nextFrom when the next version takes effect, or null when none is scheduled
 * @param nextRate the next version's price of a unit starting at the same local time of the week,
 *     or null when none is scheduled
 */
public record LotRate(Money rate, int unitMinutes, Instant nextFrom, Money nextRate) {}
