<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
/* ${project.headerText} */
/*
 * test_data.S - places the test blobs in read-only memory (flash on a board). Paths are relative to the
 * project folder, where make runs. See test_data.h.
 */
    .section .rodata.pqk_test_data, "a"

    .balign 4
    .global pqk_test_inputs
    .global pqk_test_inputs_end
pqk_test_inputs:
    .incbin "firmware/test_inputs.bin"
pqk_test_inputs_end:

    .balign 4
    .global pqk_test_expected
pqk_test_expected:
    .incbin "firmware/test_expected.bin"

    .balign 4
    .global pqk_test_labels
pqk_test_labels:
    .incbin "firmware/test_labels.bin"

    /* No executable stack needed (quiets the host linker; ignored on bare metal). */
    .section .note.GNU-stack, "", %progbits
