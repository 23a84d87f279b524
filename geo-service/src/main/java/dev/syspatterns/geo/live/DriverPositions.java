package dev.syspatterns.geo.live;

import dev.syspatterns.geo.GeoProperties;
import dev.syspatterns.geo.pings.LocationPing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.geo.Distance;
import org.springframework.data.geo.GeoResult;
import org.springframework.data.redis.connection.RedisGeoCommands.DistanceUnit;
import org.springframework.data.redis.connection.RedisGeoCommands.GeoLocation;
import org.springframework.data.redis.connection.RedisGeoCommands.GeoSearchCommandArgs;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.domain.geo.GeoReference;
import org.springframework.stereotype.Component;

/**
 * The latest position of every driver, in Redis: a GEO set ({@code <key>:positions}, searched with GEOSEARCH)
 * and a sorted set of when each position was recorded ({@code <key>:recorded}). One Lua script per batch moves
 * a driver only when the ping is newer than what is indexed, so a late or replayed ping never moves a driver
 * back in time, and the check and the write cannot interleave with another consumer's.
 */
@Component
class DriverPositions {

    /** Redis GEO covers the Web Mercator band only; pings beyond it are stored but not live-indexed. */
    static final double MAX_GEO_LAT = 85.05112878;

    private static final RedisScript<List> MOVE_IF_NEWER = RedisScript.of("""
            local moved = {}
            for i = 1, #ARGV, 4 do
              local id, t = ARGV[i], tonumber(ARGV[i + 3])
              local seen = redis.call('ZSCORE', KEYS[2], id)
              if (not seen) or tonumber(seen) < t then
                redis.call('GEOADD', KEYS[1], ARGV[i + 1], ARGV[i + 2], id)
                redis.call('ZADD', KEYS[2], t, id)
                table.insert(moved, (i - 1) / 4)
              end
            end
            return moved
            """, List.class);

    private static final RedisScript<Long> FORGET_OLDER_THAN = RedisScript.of("""
            local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
            for _, id in ipairs(stale) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZREM', KEYS[2], id)
            end
            return #stale
            """, Long.class);

    private final StringRedisTemplate redis;
    private final List<String> keys;
    private final GeoProperties.Live config;
    private final Clock clock = Clock.systemUTC();

    DriverPositions(StringRedisTemplate redis, GeoProperties properties) {
        this.redis = redis;
        this.config = properties.live();
        this.keys = List.of(config.key() + ":positions", config.key() + ":recorded");
    }

    /** Indexes the pings that are newer than the driver's indexed position; returns those, in input order. */
    List<LocationPing> moveIfNewer(List<LocationPing> pings) {
        List<LocationPing> indexable =
                pings.stream().filter(p -> Math.abs(p.lat()) <= MAX_GEO_LAT).toList();
        if (indexable.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(indexable.size() * 4);
        for (LocationPing p : indexable) {
            args.add(p.driverId());
            args.add(Double.toString(p.lon()));
            args.add(Double.toString(p.lat()));
            args.add(Long.toString(p.recordedAt().toEpochMilli()));
        }
        List<?> moved = redis.execute(MOVE_IF_NEWER, keys, args.toArray());
        List<LocationPing> result = new ArrayList<>(moved.size());
        for (Object index : moved) {
            result.add(indexable.get(((Number) index).intValue()));
        }
        return result;
    }

    List<NearbyDriver> nearby(double lat, double lon, double radiusMeters, int limit) {
        var found = redis.opsForGeo()
                .search(
                        keys.get(0),
                        GeoReference.fromCoordinate(lon, lat),
                        new Distance(radiusMeters, DistanceUnit.METERS),
                        GeoSearchCommandArgs.newGeoSearchArgs()
                                .includeDistance()
                                .includeCoordinates()
                                .sortAscending()
                                .limit(limit));
        if (found == null || found.getContent().isEmpty()) {
            return List.of();
        }
        List<GeoResult<GeoLocation<String>>> hits = found.getContent();
        List<Double> recorded = redis.opsForZSet()
                .score(
                        keys.get(1),
                        hits.stream().map(h -> h.getContent().getName()).toArray());
        List<NearbyDriver> drivers = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            GeoLocation<String> location = hits.get(i).getContent();
            Double millis = recorded == null ? null : recorded.get(i);
            drivers.add(new NearbyDriver(
                    location.getName(),
                    location.getPoint().getY(),
                    location.getPoint().getX(),
                    hits.get(i).getDistance().getValue(),
                    millis == null ? null : Instant.ofEpochMilli(millis.longValue())));
        }
        return drivers;
    }

    /** Drops drivers that stopped reporting, so "nearby" means available now rather than ever seen. */
    long forgetStale() {
        long cutoff = clock.instant().minus(config.staleAfter()).toEpochMilli();
        Long removed = redis.execute(FORGET_OLDER_THAN, keys, Long.toString(cutoff));
        return removed == null ? 0 : removed;
    }
}
