package io.pqkmcu.trainer.pqk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One setting of {@link PqkConfig}, declared once on its field as Tribuo declares a {@code @Config} field: the
 * field's initializer is the default, and this annotation gives the rest. {@code pqk train}, {@code ablate} and
 * {@code demo} build their options from it (name, type, default and --help text), {@link PqkConfig#validate()}
 * checks {@link #range()}, {@link PqkConfig#fingerprint()} records the field unless it is
 * {@linkplain #fingerprinted() left out}, and {@link PqkConfig#phase1Fingerprint()} records it unless phase 1
 * {@linkplain #phase1() never reads it}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {
    /** The command-line option, e.g. {@code "--phase1-steps"}. */
    String option();

    /** What it does, as {@code --help} shows it (the default is appended there, except for flags). */
    String description();

    /**
     * Allowed values of a number, or of each element of a list of numbers, in interval notation with
     * {@code inf} for no bound: {@code "[0, 1)"}, {@code "(0, inf)"}, {@code "[2, inf)"}. Empty: any value.
     */
    String range() default "";

    /**
     * For a boolean: the value its command-line flag sets. False for a flag that turns a setting that is on by
     * default off ({@code --no-qat} sets {@code quantize} to false).
     */
    boolean flagSets() default true;

    /** The default as {@code --help} shows it, where the value's own text is unreadable (1/3 as 0.333…). */
    String shownDefault() default "";

    /**
     * False for a setting that does not change what a run computes (how often checkpoints are written): the
     * fingerprint leaves it out, so changing it does not block a resume.
     */
    boolean fingerprinted() default true;

    /**
     * False for a setting that phase 1 never reads (phase 2's options, post-training calibration):
     * {@link PqkConfig#phase1Fingerprint()} leaves it out, so runs that differ only in such settings can share one
     * phase 1 ({@code pqk ablate} does for pruning + QAT and PQK). True by default, so a new setting keeps runs
     * apart until it is declared otherwise; {@code SharedPhase1Test} trains phase 1 with each setting declared
     * false changed and checks that the phase-1 end state stays bit-identical.
     */
    boolean phase1() default true;
}
