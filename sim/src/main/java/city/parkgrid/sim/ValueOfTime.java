package city.parkgrid.sim;

import java.util.SplittableRandom;

/**
 * Drivers' value of time, log-normal across drivers: {@code medianFenPerMinute} for driving, and
 * walking valued {@code walkFactor} times higher. Each driver's value is drawn from their own
 * seed, so the same driver values time the same in every run.
 */
public record ValueOfTime(double medianFenPerMinute, double sigma, double walkFactor) {

    /** A driver's fen per minute of driving. */
    public double draw(long driverSeed) {
        SplittableRandom r = new SplittableRandom(driverSeed ^ 0x5DEECE66DL);
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return medianFenPerMinute * Math.exp(sigma * z);
    }

    /** Generalized cost in fen: the price of the stay plus driving and (dearer) walking time. */
    public double cost(double stayFen, double driveMinutes, double walkMinutes, double fenPerMinute) {
        return stayFen + fenPerMinute * (driveMinutes + walkFactor * walkMinutes);
    }
}
