<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
/* ${project.headerText} */
/*
 * stream_data.S - places the stream firmware's blobs in read-only memory (flash on a board): the audio
 * stream, the logits the Java twin computed per window, and its detections. Paths are relative to the
 * project folder, where make runs. See stream_data.h.
 */
    .section .rodata.pqk_stream_data, "a"

    .balign 4
    .global pqk_stream_audio
    .global pqk_stream_audio_end
pqk_stream_audio:
    .incbin "firmware/stream_audio.bin"
pqk_stream_audio_end:

    .balign 4
    .global pqk_stream_expected
    .global pqk_stream_expected_end
pqk_stream_expected:
    .incbin "firmware/stream_expected.bin"
pqk_stream_expected_end:

    .balign 4
    .global pqk_stream_detections
    .global pqk_stream_detections_end
pqk_stream_detections:
    .incbin "firmware/stream_detections.bin"
pqk_stream_detections_end:

    /* No executable stack needed (quiets the host linker; ignored on bare metal). */
    .section .note.GNU-stack, "", %progbits
