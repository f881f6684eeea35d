package city.parkgrid.occupancy.redis;

import city.parkgrid.testing.TestServices.RedisTopology;

/** The differential replay of {@link OccupancyDifferentialIT}, its Redis store on the Redis Cluster. */
class ClusterOccupancyDifferentialIT extends OccupancyDifferentialIT {

    @Override
    protected RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}
