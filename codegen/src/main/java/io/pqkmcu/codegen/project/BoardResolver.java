package io.pqkmcu.codegen.project;

import java.util.List;
import java.util.Optional;

/** Looks up a board by id for the project generator (the boards module provides the real one). */
public interface BoardResolver {
    Optional<FirmwareBoard> resolve(String boardId);

    /** Board ids for error messages. */
    List<String> knownBoards();

    /** A resolver that knows no board: projects get only the host build. */
    static BoardResolver none() {
        return new BoardResolver() {
            @Override
            public Optional<FirmwareBoard> resolve(String boardId) {
                return Optional.empty();
            }

            @Override
            public List<String> knownBoards() {
                return List.of();
            }
        };
    }
}
