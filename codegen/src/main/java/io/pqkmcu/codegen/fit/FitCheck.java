package io.pqkmcu.codegen.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a model whose flash or RAM needs exceed the board's, with a message that names each
 * overflow in bytes and what the total is made of, so the user knows whether to prune harder, pick
 * sparse tables, or choose a larger board.
 */
public final class FitCheck {
    private FitCheck() {}

    public static void check(ResourceUsage use, BoardLimits board) {
        List<String> problems = new ArrayList<>();
        if (use.flashBytes() > board.flashBytes()) {
            problems.add("flash: needs " + use.flashBytes() + " B but the board has " + board.flashBytes() + " B, "
                    + (use.flashBytes() - board.flashBytes()) + " B over (weights and tables " + use.weightBytes()
                    + " B, biases/quantization/other constants " + use.parameterBytes() + " B, code about "
                    + use.codeBytes() + " B)");
        }
        if (use.ramBytes() > board.ramBytes()) {
            problems.add("RAM: needs " + use.ramBytes() + " B but the board has " + board.ramBytes() + " B, "
                    + (use.ramBytes() - board.ramBytes()) + " B over (arena " + use.arenaBytes()
                    + " B, stack reserve " + use.stackReserveBytes() + " B)");
        }
        if (!problems.isEmpty()) {
            throw new BoardFitException("the model does not fit board '" + board.boardId() + "': "
                    + String.join("; ", problems));
        }
    }
}
