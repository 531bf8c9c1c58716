package io.pqkmcu.codegen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of codegen's main sources form no cycle: if {@code a} uses {@code b}, nothing in {@code b}
 * uses {@code a}, directly or through other packages. Uses are read from the sources (imports and fully
 * qualified names in code; comments, and so javadoc links, do not count), which is what the compiler sees.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/pqkmcu/codegen");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package io\\.pqkmcu\\.codegen\\.([a-z][a-z0-9]*);");
    private static final Pattern USE = Pattern.compile("\\bio\\.pqkmcu\\.codegen\\.([a-z][a-z0-9]*)\\.");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void codegenPackagesHaveNoCycles() throws IOException {
        SortedMap<String, SortedMap<String, SortedSet<String>>> uses = uses();
        assertTrue(uses.size() > 10, "found only " + uses.keySet() + " under " + SOURCES.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        for (Set<String> cycle : cycles(uses)) {
            StringBuilder s = new StringBuilder("cycle between " + cycle + ":");
            for (String from : cycle) {
                uses.get(from).forEach((to, files) -> {
                    if (cycle.contains(to)) {
                        s.append("\n    ").append(from).append(" -> ").append(to).append(" in ").append(files);
                    }
                });
            }
            problems.add(s.toString());
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void theCheckFindsACycle() {
        SortedMap<String, SortedMap<String, SortedSet<String>>> g = new TreeMap<>();
        g.put("a", new TreeMap<>(Map.of("b", new TreeSet<>(Set.of("A.java")))));
        g.put("b", new TreeMap<>(Map.of("c", new TreeSet<>(Set.of("B.java")))));
        g.put("c", new TreeMap<>(Map.of("a", new TreeSet<>(Set.of("C.java")))));
        g.put("d", new TreeMap<>(Map.of("a", new TreeSet<>(Set.of("D.java")))));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    }

    /** package → package it uses → the files of the first package that use it. */
    private static SortedMap<String, SortedMap<String, SortedSet<String>>> uses() throws IOException {
        SortedMap<String, SortedMap<String, SortedSet<String>>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                String from = pkg.group(1);
                SortedMap<String, SortedSet<String>> out = uses.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher use = USE.matcher(COMMENT.matcher(text).replaceAll(" "));
                while (use.find()) {
                    if (!use.group(1).equals(from)) {
                        out.computeIfAbsent(use.group(1), k -> new TreeSet<>()).add(f.getFileName().toString());
                    }
                }
            }
        }
        return uses;
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles(SortedMap<String, SortedMap<String, SortedSet<String>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String v, SortedMap<String, SortedMap<String, SortedSet<String>>> graph,
                                Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, new TreeMap<>()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
