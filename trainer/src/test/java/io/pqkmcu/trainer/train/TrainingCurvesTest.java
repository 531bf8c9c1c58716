package io.pqkmcu.trainer.train;

import io.pqkmcu.trainer.pqk.HistoryPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCurvesTest {
    private static final List<HistoryPoint> HISTORY = List.of(
            new HistoryPoint(100, 1, 1.2, 0.55, 0.0, 0.70, Double.NaN),
            new HistoryPoint(200, 1, 0.6, 0.80, 0.5, 0.82, Double.NaN),
            new HistoryPoint(300, 2, 0.4, 0.86, 0.9, 0.85, 0.88),
            new HistoryPoint(400, 2, 0.3, 0.88, 0.9, 0.87, 0.89));

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void csvHasOneRowPerEvaluationAndNoTeacherBeforePhase2() {
        List<String> rows = TrainingCurves.csv(HISTORY).lines().toList();
        assertEquals(5, rows.size());
        assertEquals("step,phase,train_loss,train_accuracy,sparsity,student_val_accuracy,teacher_val_accuracy", rows.get(0));
        assertEquals("100,1,1.20000,0.55000,0.00000,0.70000,", rows.get(1));
        assertEquals("400,2,0.30000,0.88000,0.90000,0.87000,0.89000", rows.get(4));
    }

    @Test
    void chartDrawsEachCurveAndMarksPhase2() throws Exception {
        String svg = TrainingCurves.svg(HISTORY, "m & <n>: curves");
        Document d = parse(svg); // well-formed, the title escaped
        NodeList lines = d.getElementsByTagName("polyline");
        assertEquals(4, lines.getLength(), "sparsity, training, teacher and student curves");
        // the teacher is drawn only where it was evaluated (phase 2): two points
        Element teacher = (Element) lines.item(2);
        assertEquals("#ff7f0e", teacher.getAttribute("stroke"));
        assertEquals(2, teacher.getAttribute("points").split(" ").length);
        Element student = (Element) lines.item(3);
        String[] pts = student.getAttribute("points").split(" ");
        assertEquals(4, pts.length);
        // x grows with the step, and the last point is at the right edge of the plot (760 - 70)
        assertEquals("690.0", pts[3].split(",")[0]);
        // higher accuracy is drawn higher (smaller y)
        assertTrue(Double.parseDouble(pts[3].split(",")[1]) < Double.parseDouble(pts[0].split(",")[1]));
        assertTrue(svg.contains(">phase 2</text>"));
        assertTrue(svg.contains("m &amp; &lt;n&gt;: curves"));
        assertEquals(svg, TrainingCurves.svg(HISTORY, "m & <n>: curves"), "deterministic");
    }

    @Test
    void writesCsvAndSvgBesideEachOther(@TempDir Path dir) throws Exception {
        TrainingCurves.write(dir.resolve("run.history.csv"), HISTORY, "run");
        assertEquals(TrainingCurves.csv(HISTORY), Files.readString(dir.resolve("run.history.csv")));
        assertEquals(TrainingCurves.svg(HISTORY, "run"), Files.readString(dir.resolve("run.history.svg")));
    }

    @Test
    void anEmptyHistorySaysSo() throws Exception {
        String svg = TrainingCurves.svg(List.of(), "none");
        parse(svg);
        assertTrue(svg.contains("no evaluations were recorded"));
    }
}
