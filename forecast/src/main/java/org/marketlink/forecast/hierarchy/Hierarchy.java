package org.marketlink.forecast.hierarchy;

import org.marketlink.core.Checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tree of series: every node but the root has one parent, a node's series is the sum of its children's, and the
 * leaves (nodes without children) are the bottom level. Nodes keep the order in which they were added; the summing
 * matrix's rows follow it and its columns follow the leaves in that order. Immutable and thread-safe.
 */
public final class Hierarchy {
    private final List<String> nodes;
    private final List<String> leaves;
    private final Map<String, Integer> index;
    private final boolean[][] sums;

    private Hierarchy(List<String> nodes, List<String> leaves, boolean[][] sums) {
        this.nodes = List.copyOf(nodes);
        this.leaves = List.copyOf(leaves);
        this.sums = sums;
        this.index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
    }

    /**
     * The hierarchy given by each node's parent ({@code null} for the one root), in the map's iteration order.
     *
     * @throws IllegalArgumentException naming the node when a parent is not a node, there is not exactly one root,
     *                                  or a node is its own ancestor
     */
    public static Hierarchy of(Map<String, String> parentOf) {
        Checks.notNull("parentOf", parentOf);
        List<String> nodes = new ArrayList<>(parentOf.keySet());
        String root = null;
        Map<String, Integer> children = new LinkedHashMap<>();
        for (String n : nodes) {
            String parent = parentOf.get(n);
            if (parent == null) {
                if (root != null) {
                    throw new IllegalArgumentException("two roots: '" + root + "' and '" + n + "'");
                }
                root = n;
            } else if (!parentOf.containsKey(parent)) {
                throw new IllegalArgumentException("node '" + n + "' has parent '" + parent + "', which is not a node");
            } else {
                children.merge(parent, 1, Integer::sum);
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("no root: every node has a parent");
        }
        for (String n : nodes) {
            String at = n;
            for (int steps = 0; at != null; steps++) {
                if (steps > nodes.size()) {
                    throw new IllegalArgumentException("node '" + n + "' is in a cycle of parents");
                }
                at = parentOf.get(at);
            }
        }
        List<String> leaves = nodes.stream().filter(n -> !children.containsKey(n)).toList();
        Map<String, Integer> leafIndex = new HashMap<>();
        for (int j = 0; j < leaves.size(); j++) {
            leafIndex.put(leaves.get(j), j);
        }
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            nodeIndex.put(nodes.get(i), i);
        }
        boolean[][] sums = new boolean[nodes.size()][leaves.size()];
        for (String leaf : leaves) {
            for (String at = leaf; at != null; at = parentOf.get(at)) {
                sums[nodeIndex.get(at)][leafIndex.get(leaf)] = true;
            }
        }
        return new Hierarchy(nodes, leaves, sums);
    }

    /** Every node, in order. */
    public List<String> nodes() {
        return nodes;
    }

    /** The leaves (bottom level), in order. */
    public List<String> leaves() {
        return leaves;
    }

    /** The position of {@code node} in {@link #nodes()}, or -1. */
    public int indexOf(String node) {
        return index.getOrDefault(node, -1);
    }

    /** Whether leaf {@code leaf} (its position among the leaves) is under node {@code node} (or is it). */
    public boolean sums(int node, int leaf) {
        return sums[node][leaf];
    }

    /** The number of leaves under {@code node} (1 for a leaf). */
    public int leafCount(int node) {
        int c = 0;
        for (boolean b : sums[node]) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** The summing matrix S (nodes × leaves): row i has 1 for each leaf under node i. */
    public double[][] summingMatrix() {
        double[][] s = new double[nodes.size()][leaves.size()];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < leaves.size(); j++) {
                s[i][j] = sums[i][j] ? 1 : 0;
            }
        }
        return s;
    }
}
