package dev.syspatterns.geo.sharding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Consistent hashing: each node owns many points ("virtual nodes") on a 64-bit ring, a key belongs to the
 * first node point at or after its own hash. Adding a node takes over only the arcs its points land on, so
 * about 1/(N+1) of the keys move, all of them to the new node; with {@code hash(key) mod N} almost all would.
 * Virtual nodes even out the arcs, so load stays balanced with few nodes.
 *
 * <p>The hash is MD5 (first 8 bytes): not for security, but stable across JVMs, versions and machines,
 * which {@link String#hashCode()} would also be, but with far worse spread on similar ids.
 */
public final class ConsistentHashRing<N> {

    private final NavigableMap<Long, N> ring = new TreeMap<>();
    private final List<N> nodes;

    public ConsistentHashRing(Collection<N> nodes, Function<N, String> nameOf, int virtualNodesPerNode) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one node");
        }
        this.nodes = List.copyOf(nodes);
        for (N node : nodes) {
            for (int v = 0; v < virtualNodesPerNode; v++) {
                N previous = ring.put(hash(nameOf.apply(node) + "#" + v), node);
                if (previous != null && previous != node) {
                    throw new IllegalStateException("hash collision between ring points of two nodes");
                }
            }
        }
    }

    public N nodeFor(String key) {
        Map.Entry<Long, N> owner = ring.ceilingEntry(hash(key));
        return owner != null ? owner.getValue() : ring.firstEntry().getValue();
    }

    public List<N> nodes() {
        return nodes;
    }

    static long hash(String key) {
        byte[] digest = md5().digest(key.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        return h;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships MD5", e);
        }
    }
}
