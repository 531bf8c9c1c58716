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
        if (use.flashBytes() > board.flashBytes() && use.modelFlashBytes() <= board.flashBytes()
                && use.ramBytes() <= board.ramBytes() && use.testInputs() > 0) {
            // the model fits; the test inputs stored beside it are what overflows: say so, and how many fit
            long room = board.flashBytes() - use.modelFlashBytes();
            long each = Math.max(1, use.testDataBytes() / use.testInputs());
            long fit = room / each;
            throw new BoardFitException("the " + use.testInputs() + " test inputs do not fit in the flash of board '"
                    + board.boardId() + "' beside the model: the model needs " + use.modelFlashBytes() + " B of the "
                    + board.flashBytes() + " B, which leaves " + room + " B, and the test inputs take "
                    + use.testDataBytes() + " B (" + each + " B each). At most " + fit + " fit: pass --test-clips "
                    + fit + " (or --test-images " + fit + "), and run more in further chunks");
        }
        if (use.flashBytes() > board.flashBytes()) {
            problems.add("flash: needs " + use.flashBytes() + " B but the board has " + board.flashBytes() + " B, "
                    + (use.flashBytes() - board.flashBytes()) + " B over (weights and tables " + use.weightBytes()
                    + " B, biases/quantization/other constants " + use.parameterBytes() + " B, code about "
                    + use.codeBytes() + " B" + (use.testDataBytes() > 0 ? ", test data " + use.testDataBytes() + " B"
                    : "") + ")");
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
