package io.pqkmcu.codegen.project;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CNamesTest {
    @Test
    void identifiers() {
        assertEquals("kws_ds_cnn_v2", CNames.identifier("KWS DS-CNN v2"));
        assertEquals("m3x3_conv", CNames.identifier("3x3 conv"));
        assertEquals("model", CNames.identifier("--"));
        assertEquals("a_b", CNames.identifier("__a__b__"));
        assertEquals("KwsDsCnnV2", CNames.javaType("KWS DS-CNN v2"));
    }

    @Test
    void uniqueNamesGetSuffixes() {
        CNames.Unique u = new CNames.Unique();
        assertEquals("conv", u.next("conv"));
        assertEquals("conv_2", u.next("Conv"));
        assertEquals("conv_3", u.next("conv!"));
        assertEquals("dense", u.next("dense"));
    }

    @Test
    void textIsSafeInCommentsAndStrings() {
        assertEquals("a * / b / * c?", CNames.commentSafe("a */ b /* c\n"));
        assertEquals("\"say \\\"hi\\\" \\\\ \\077\\077= \\303\\251\"", CNames.cString("say \"hi\" \\ ??= \u00e9"));
    }
}
