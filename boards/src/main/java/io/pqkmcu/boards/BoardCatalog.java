package io.pqkmcu.boards;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The boards pqk knows: one descriptor per board under {@code /io/pqkmcu/boards/<id>.properties},
 * listed in {@code /io/pqkmcu/boards/boards.list} (a classpath folder cannot be listed portably inside a
 * jar, so the index says which descriptors exist). Loaded once, on first use.
 */
public final class BoardCatalog {
    static final String INDEX = "boards.list";

    private BoardCatalog() {}

    /** Holder idiom: the catalog is read on first use, exactly once, thread-safely. */
    private static final class Loaded {
        static final List<Board> BOARDS = load();
    }

    /** Every known board, sorted by id. */
    public static List<Board> all() {
        return Loaded.BOARDS;
    }

    /** Ids of every known board, sorted. */
    public static List<String> ids() {
        return all().stream().map(Board::id).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The board with this id.
     *
     * @throws IllegalArgumentException listing the known ids, when there is none
     */
    public static Board byId(String id) {
        for (Board b : all()) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown board '" + id + "'; known boards: " + String.join(", ", ids()));
    }

    private static List<Board> load() {
        List<Board> boards = new ArrayList<>();
        for (String id : indexedIds()) {
            String name = id + ".properties";
            try (InputStream in = BoardCatalog.class.getResourceAsStream(BoardFirmware.RESOURCE_ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException(INDEX + " lists board " + id + " but " + name + " is missing");
                }
                Board b = BoardDescriptor.parse(name, new InputStreamReader(in, StandardCharsets.UTF_8));
                if (!b.id().equals(id)) {
                    throw new IllegalStateException("board descriptor " + name + " declares id " + b.id()
                            + "; the id must match the file name");
                }
                boards.add(b);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read board descriptor " + name, e);
            }
        }
        boards.sort(Comparator.comparing(Board::id));
        return List.copyOf(boards);
    }

    /** Ids listed in the index: one per line, blank lines and {@code #} comments ignored. */
    static List<String> indexedIds() {
        try (InputStream in = BoardCatalog.class.getResourceAsStream(BoardFirmware.RESOURCE_ROOT + INDEX)) {
            if (in == null) {
                throw new IllegalStateException("board index " + BoardFirmware.RESOURCE_ROOT + INDEX
                        + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the board index", e);
        }
    }
}
