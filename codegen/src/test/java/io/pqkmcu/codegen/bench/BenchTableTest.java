package io.pqkmcu.codegen.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTableTest {
    private static BenchResult result(String model, String board, BenchVariant v, long weights, long index,
                                      long instructions, long tableBytes, long tableNonZeros) {
        return new BenchResult(model, 0.8, board, v, tableNonZeros == 0 ? 0 : 1, 2, weights, index, 64, 1000, 512,
                2048, 30000 + weights, instructions, 100, tableBytes, tableNonZeros, true,
                v == BenchVariant.DENSE ? 33000 : 0, v == BenchVariant.DENSE ? 4_000_000 : 0);
    }

    @Test
    void ratiosAreAgainstTheDenseRowOfTheSameModelAndBoard() {
        List<BenchResult> rs = List.of(
                result("m", "a", BenchVariant.DENSE, 500, 0, 1000, 0, 0),
                result("m", "a", BenchVariant.AUTO, 100, 50, 400, 140, 100),
                result("m", "b", BenchVariant.DENSE, 500, 0, 2000, 0, 0),
                result("m", "b", BenchVariant.AUTO, 100, 50, 400, 140, 100));
        String csv = BenchTable.csv(rs);
        String[] lines = csv.split("\n");
        assertEquals(5, lines.length, csv);
        assertTrue(lines[2].contains(",0.4000,0.3000,"), lines[2]); // 400/1000 instructions, 150/500 flash
        assertTrue(lines[4].contains(",0.2000,0.3000,"), lines[4]); // board b's own dense row
        assertTrue(lines[2].contains(",1.5000,1.4000,"), lines[2]); // model flash / nnz, table bytes / table nnz
        assertTrue(lines[0].contains(",ram_bytes,firmware_flash_bytes,instructions,"), lines[0]);
        assertTrue(lines[2].contains(",2048,30100,400,"), lines[2]); // RAM, firmware flash, instructions
        String text = BenchTable.text(rs);
        assertTrue(text.contains(" 0.400 |") && text.contains(" 0.200 |"), text);
        assertEquals(6, text.split("\n").length, text);
    }

    @Test
    void frontEndAndStreamColumnsShowMeasuredCountsAndBlanksForUnmeasured() {
        List<BenchResult> rs = List.of(result("m", "a", BenchVariant.DENSE, 500, 0, 1000, 0, 0),
                result("m", "a", BenchVariant.AUTO, 100, 50, 400, 140, 100));
        String[] lines = BenchTable.csv(rs).split("\n");
        assertTrue(lines[0].endsWith(",frontend_instr_per_frame,stream_hop_instr,bit_exact"), lines[0]);
        assertTrue(lines[1].endsWith(",33000,4000000,true"), lines[1]);
        assertTrue(lines[2].endsWith(",,,true"), lines[2]);
        String text = BenchTable.text(rs);
        assertTrue(text.contains("front end instr./frame") && text.contains(" 33000 |") && text.contains(" 4000000 |"), text);
    }
}
