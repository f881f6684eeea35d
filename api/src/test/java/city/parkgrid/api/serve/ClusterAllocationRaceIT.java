package city.parkgrid.api.serve;

import city.parkgrid.testing.TestServices.RedisTopology;

/** Every allocation race of {@link AllocationRaceIT}, the nodes on the Redis Cluster. */
class ClusterAllocationRaceIT extends AllocationRaceIT {

    @Override
    protected RedisTopology redisTopology() {
        return RedisTopology.CLUSTER;
    }
}
